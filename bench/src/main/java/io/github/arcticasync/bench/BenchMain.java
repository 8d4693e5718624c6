package io.github.arcticasync.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The entry point of {@code arctic-async-bench.jar}: {@code store}, {@code async} or {@code jmh} followed by that
 * benchmark's options. Exit code 0 on success, 2 on bad usage, 1 on failure.
 */
public final class BenchMain {

    private static final String USAGE = """
            usage: java -jar arctic-async-bench.jar <benchmark> [options]
              store  [--rows N] [--warmup N] [--iterations N] [--range-rows N] [--range-fraction F] [--seed N]
                     VersionStore write/read vs the raw MongoDB driver; date_range segment count (range-rows 0 = skip)
              async  [--pool N] [--symbols N] [--warmup N] [--latency-requests N] [--throughput-requests N]
                     [--rounds N]
                     AsyncArctic local pool vs a bare ThreadPoolExecutor calling VersionStore.hasSymbol
            """ + io.github.arcticasync.bench.cluster.ClusterBenchMain.USAGE + """
              jmh    [JMH options]   the micro-benchmarks (ItemCodec, LZ4, hasSymbol); e.g. jmh -f 1 -wi 3 -i 5
            """;

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        int code = run(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    static int run(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.print(USAGE);
            return 2;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            switch (args[0]) {
                case "store" -> {
                    Args a = new Args(rest, Set.of("rows", "warmup", "iterations", "range-rows", "range-fraction",
                            "seed"));
                    StoreBenchmark.Config d = StoreBenchmark.Config.defaults();
                    StoreBenchmark.Config c = new StoreBenchmark.Config(a.intValue("rows", d.rows()),
                            a.intValue("warmup", d.warmup()), a.intValue("iterations", d.iterations()),
                            a.intValue("range-rows", d.rangeRows()), a.doubleValue("range-fraction", d.rangeFraction()),
                            a.intValue("seed", (int) d.seed()));
                    StoreBenchmark.printRange(new StoreBenchmark(c, System.out).run(), System.out);
                }
                case "async" -> {
                    Args a = new Args(rest, Set.of("pool", "symbols", "warmup", "latency-requests",
                            "throughput-requests", "rounds"));
                    AsyncBenchmark.Config d = AsyncBenchmark.Config.defaults();
                    AsyncBenchmark.Config c = new AsyncBenchmark.Config(a.intValue("pool", d.pool()),
                            a.intValue("symbols", d.symbols()), a.intValue("warmup", d.warmup()),
                            a.intValue("latency-requests", d.latencyRequests()),
                            a.intValue("throughput-requests", d.throughputRequests()), a.intValue("rounds", d.rounds()));
                    AsyncBenchmark.print(new AsyncBenchmark(c, System.out).run(), System.out);
                }
                case "cluster" -> io.github.arcticasync.bench.cluster.ClusterBenchMain.run(rest);
                case "jmh" -> org.openjdk.jmh.Main.main(rest.toArray(String[]::new));
                default -> {
                    System.err.println("unknown benchmark '" + args[0] + "'");
                    System.err.print(USAGE);
                    return 2;
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            return 2;
        }
        return 0;
    }
}
