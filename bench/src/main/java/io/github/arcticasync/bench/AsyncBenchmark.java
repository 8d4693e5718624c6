package io.github.arcticasync.bench;

import com.mongodb.client.MongoClient;
import io.github.arcticasync.asynchronous.AsyncArctic;
import io.github.arcticasync.asynchronous.AsyncRequest;
import io.github.arcticasync.store.Arctic;
import io.github.arcticasync.store.DataFrame;
import io.github.arcticasync.store.VersionStore;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The async benchmark (issue 3 §6): {@code has_symbol} through the local {@link AsyncArctic} pool against a bare
 * {@link ThreadPoolExecutor} of the same size calling {@link VersionStore#hasSymbol} directly, in the same run, on
 * the same library. Latency is submit→result with one request in flight; throughput has every request of a round
 * in flight at once. Pool and baseline alternate which goes first in each round.
 */
final class AsyncBenchmark {

    private static final Duration WAIT = Duration.ofMinutes(2);

    /** What to run. */
    record Config(int pool, int symbols, int warmup, int latencyRequests, int throughputRequests, int rounds) {
        Config {
            if (pool < 1) {
                throw new IllegalArgumentException("pool must be at least 1, was " + pool);
            }
            if (symbols < 1) {
                throw new IllegalArgumentException("symbols must be at least 1, was " + symbols);
            }
            if (warmup < 0) {
                throw new IllegalArgumentException("warmup must not be negative, was " + warmup);
            }
            if (latencyRequests < 1) {
                throw new IllegalArgumentException("latencyRequests must be at least 1, was " + latencyRequests);
            }
            if (throughputRequests < 1) {
                throw new IllegalArgumentException("throughputRequests must be at least 1, was " + throughputRequests);
            }
            if (rounds < 1) {
                throw new IllegalArgumentException("rounds must be at least 1, was " + rounds);
            }
        }

        static Config defaults() {
            return new Config(4, 100, 2, 2_000, 20_000, 5);
        }
    }

    /** Everything measured: per-request latencies and per-round elapsed times for the throughput steps. */
    record Result(Config config, Map<String, Samples> steps) {
        /** Requests per second from the median round. */
        double throughput(String step) {
            return config.throughputRequests() / (steps.get(step).median() / 1e9);
        }
    }

    private final Config config;
    private final PrintStream log;

    AsyncBenchmark(Config config, PrintStream log) {
        this.config = Objects.requireNonNull(config, "config must not be null");
        this.log = Objects.requireNonNull(log, "log must not be null");
    }

    Result run() throws Exception {
        ThreadPoolExecutor bare = new ThreadPoolExecutor(config.pool(), config.pool(), 0, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>());
        bare.prestartAllCoreThreads();
        try (EmbeddedMongo mongo = new EmbeddedMongo(); MongoClient client = mongo.newClient();
             Arctic arctic = Arctic.connect(client);
             AsyncArctic aa = AsyncArctic.builder().poolSize(config.pool()).libraries(arctic::getLibrary).build()) {
            log.printf("async benchmark: pool %d, %d symbols, latency %d requests/round, throughput %d requests/round,"
                            + " warmup %d, rounds %d, server %s%n", config.pool(), config.symbols(),
                    config.latencyRequests(), config.throughputRequests(), config.warmup(), config.rounds(),
                    mongo.connectionString());
            arctic.initializeLibrary("bench_async");
            VersionStore lib = arctic.getLibrary("bench_async");
            String[] symbols = new String[config.symbols()];
            DataFrame tiny = Frames.prices(10, 7);
            for (int s = 0; s < symbols.length; s++) {
                symbols[s] = String.format("SYM%04d", s);
                lib.write(symbols[s], tiny);
            }
            Map<String, Samples> steps = Harness.run(config.warmup(), config.rounds(), (round, rec) -> {
                boolean poolFirst = round % 2 == 0;
                for (int side = 0; side < 2; side++) {
                    if ((side == 0) == poolFirst) {
                        poolLatency(aa, lib, symbols, rec);
                    } else {
                        bareLatency(bare, lib, symbols, rec);
                    }
                }
                for (int side = 0; side < 2; side++) {
                    if ((side == 0) == poolFirst) {
                        poolThroughput(aa, lib, symbols, rec);
                    } else {
                        bareThroughput(bare, lib, symbols, rec);
                    }
                }
                log.printf("  round %d done%n", round);
            });
            return new Result(config, steps);
        } finally {
            bare.shutdownNow();
        }
    }

    private void poolLatency(AsyncArctic aa, VersionStore lib, String[] symbols, Harness.Recorder rec) {
        for (int k = 0; k < config.latencyRequests(); k++) {
            long t0 = System.nanoTime();
            AsyncRequest r = aa.submit(lib, "has_symbol", false, symbols[k % symbols.length]);
            Object has = aa.waitRequest(r, WAIT);
            rec.record("pool.latency", System.nanoTime() - t0);
            check(has);
        }
    }

    private void bareLatency(ExecutorService bare, VersionStore lib, String[] symbols, Harness.Recorder rec)
            throws Exception {
        for (int k = 0; k < config.latencyRequests(); k++) {
            String symbol = symbols[k % symbols.length];
            long t0 = System.nanoTime();
            Boolean has = bare.submit(() -> lib.hasSymbol(symbol)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            rec.record("bare.latency", System.nanoTime() - t0);
            check(has);
        }
    }

    private void poolThroughput(AsyncArctic aa, VersionStore lib, String[] symbols, Harness.Recorder rec) {
        int n = config.throughputRequests();
        long t0 = System.nanoTime();
        List<AsyncRequest> requests = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            requests.add(aa.submit(lib, "has_symbol", false, symbols[k % symbols.length]));
        }
        List<Object> results = aa.waitRequests(requests, WAIT);
        rec.record("pool.throughput", System.nanoTime() - t0);
        results.forEach(AsyncBenchmark::check);
    }

    private void bareThroughput(ExecutorService bare, VersionStore lib, String[] symbols, Harness.Recorder rec)
            throws Exception {
        int n = config.throughputRequests();
        long t0 = System.nanoTime();
        List<Future<Boolean>> futures = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            String symbol = symbols[k % symbols.length];
            futures.add(bare.submit(() -> lib.hasSymbol(symbol)));
        }
        List<Object> results = new ArrayList<>(n);
        for (Future<Boolean> f : futures) {
            results.add(f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        }
        rec.record("bare.throughput", System.nanoTime() - t0);
        results.forEach(AsyncBenchmark::check);
    }

    private static void check(Object has) {
        if (!Boolean.TRUE.equals(has)) {
            throw new IllegalStateException("has_symbol returned " + has + " for a symbol that exists");
        }
    }

    /** Prints the figures as docs/benchmarks.md shows them. */
    static void print(Result r, PrintStream out) {
        Samples pool = r.steps().get("pool.latency");
        Samples bare = r.steps().get("bare.latency");
        out.printf("%nlatency (one request in flight, %d samples each)%n", pool.count());
        out.printf("%-14s %10s %10s %10s%n", "side", "p50 us", "p90 us", "p99 us");
        for (String step : List.of("pool.latency", "bare.latency")) {
            Samples s = r.steps().get(step);
            out.printf("%-14s %10.1f %10.1f %10.1f%n", step, s.median() / 1e3, s.p90() / 1e3, s.p99() / 1e3);
        }
        double p50 = (double) pool.median() / bare.median();
        double p99 = (double) pool.p99() / bare.p99();
        out.printf("latency ratio pool/bare: p50 %.2fx, p99 %.2fx (target <= 1.2x: %s)%n", p50, p99,
                p50 <= 1.2 && p99 <= 1.2 ? "MET" : "MISSED");
        double tp = r.throughput("pool.throughput");
        double tb = r.throughput("bare.throughput");
        out.printf("%nthroughput (%d requests in flight per round, %d rounds; median round)%n",
                r.config().throughputRequests(), r.steps().get("pool.throughput").count());
        out.printf("pool %.0f req/s, bare %.0f req/s, ratio %.2fx (target >= 0.8x: %s)%n", tp, tb, tp / tb,
                tp / tb >= 0.8 ? "MET" : "MISSED");
    }
}
