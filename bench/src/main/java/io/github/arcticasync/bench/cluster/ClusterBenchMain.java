package io.github.arcticasync.bench.cluster;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The {@code cluster} command of {@code arctic-async-bench.jar}: parses its options and runs {@link ClusterBenchmark}. */
public final class ClusterBenchMain {
    public static final String USAGE = """
              cluster [--workers N] [--pool N] [--symbols N] [--warmup N] [--rounds N] [--latency-requests N]
                     [--throughput-requests N] [--blob-requests N] [--submitters N] [--batch N]
                     [--scaling-pools 1,2,4,8,16,32|none] [--sleep-ms N] [--scaling-requests N]
                     [--heartbeat-ms N] [--baseline redisson|none] [--result-ttl-s 30]
                     Redis transport + worker JVMs vs Redisson's RExecutorService on the same redis-server
                     (--baseline none: ours alone, for profiling; no ratios)
            """;
    private static final Set<String> OPTIONS = Set.of("workers", "pool", "symbols", "warmup", "rounds",
            "latency-requests", "throughput-requests", "blob-requests", "submitters", "batch", "scaling-pools",
            "sleep-ms", "scaling-requests", "heartbeat-ms", "baseline", "result-ttl-s");

    private ClusterBenchMain() {
    }

    /** Runs the benchmark with {@code args} and prints its figures to stdout. */
    public static void run(List<String> args) throws Exception {
        ClusterBenchmark.Config c = config(args);
        ClusterBenchmark.print(new ClusterBenchmark(c, System.out).run(), System.out);
    }

    /** The configuration {@code args} ask for, defaults otherwise; a bad option throws IllegalArgumentException. */
    static ClusterBenchmark.Config config(List<String> args) {
        Map<String, String> v = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--") || !OPTIONS.contains(a.substring(2))) {
                throw new IllegalArgumentException("unknown option '" + a + "'; accepted: " + OPTIONS);
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("option " + a + " needs a value");
            }
            v.put(a.substring(2), args.get(++i));
        }
        ClusterBenchmark.Config d = ClusterBenchmark.Config.defaults();
        return new ClusterBenchmark.Config(num(v, "workers", d.workers()), num(v, "pool", d.pool()),
                num(v, "symbols", d.symbols()), num(v, "warmup", d.warmup()), num(v, "rounds", d.rounds()),
                num(v, "latency-requests", d.latencyRequests()), num(v, "throughput-requests", d.throughputRequests()),
                num(v, "blob-requests", d.blobRequests()), num(v, "submitters", d.submitters()),
                num(v, "batch", d.batch()), pools(v.get("scaling-pools"), d.scalingPools()),
                num(v, "sleep-ms", d.sleepMillis()), num(v, "scaling-requests", d.scalingRequestsPerThread()),
                num(v, "heartbeat-ms", d.heartbeatMillis()), baseline(v.get("baseline"), d.baseline()),
                num(v, "result-ttl-s", d.resultTtlSeconds()));
    }

    private static int num(Map<String, String> v, String name, int fallback) {
        String s = v.get(name);
        if (s == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(s.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option --" + name + " must be an integer, was '" + s + "'", e);
        }
    }

    private static boolean baseline(String s, boolean fallback) {
        if (s == null) {
            return fallback;
        }
        return switch (s) {
            case "redisson" -> true;
            case "none" -> false;
            default -> throw new IllegalArgumentException("option --baseline must be redisson or none, was '" + s + "'");
        };
    }

    private static List<Integer> pools(String s, List<Integer> fallback) {
        if (s == null) {
            return fallback;
        }
        if (s.equals("none")) {
            return List.of();
        }
        List<Integer> out = new ArrayList<>();
        for (String part : s.split(",")) {
            try {
                out.add(Integer.parseInt(part.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("option --scaling-pools must list integers, was '" + s + "'", e);
            }
        }
        return out;
    }
}
