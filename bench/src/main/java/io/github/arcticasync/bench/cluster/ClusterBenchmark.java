package io.github.arcticasync.bench.cluster;

import io.github.arcticasync.asynchronous.AsyncArctic;
import io.github.arcticasync.asynchronous.AsyncRequest;
import io.github.arcticasync.asynchronous.Kwargs;
import io.github.arcticasync.asynchronous.LibraryRef;
import io.github.arcticasync.bench.Frames;
import io.github.arcticasync.coordinator.Coordinator;
import io.github.arcticasync.coordinator.CoordinatorConfig;
import io.github.arcticasync.internal.cluster.Keys;
import io.github.arcticasync.internal.execution.OperationCall;
import io.github.arcticasync.internal.transport.RequestHandle;
import io.github.arcticasync.internal.transport.redis.PoolControl;
import io.github.arcticasync.internal.transport.redis.RedisConnections;
import io.github.arcticasync.internal.transport.redis.RedisStreamsTransport;
import io.github.arcticasync.internal.transport.redis.RedisUrl;
import io.github.arcticasync.store.Arctic;
import io.github.arcticasync.store.DataFrame;
import io.github.arcticasync.store.VersionStore;
import io.github.arcticasync.store.VersionedItem;
import org.redisson.Redisson;
import org.redisson.api.RExecutorBatchFuture;
import org.redisson.api.RExecutorFuture;
import org.redisson.api.RExecutorService;
import org.redisson.api.RedissonClient;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * The cluster benchmark (issue 4 §5). One harness JVM runs a real {@code redis-server} (child process), an embedded
 * MongoDB, a coordinator and the client; {@code workers} child JVMs run {@link BenchWorkerMain} (the real
 * {@code Worker}) and as many child JVMs run {@link RedissonWorkerMain} (Redisson's executor workers, the same-run
 * baseline), both with {@code pool} threads in total, both reaching the same MongoDB and the same Redis.
 *
 * <p>Per round, each pair of sides is interleaved and the order alternates: latency (one request in flight, submit →
 * result) and throughput (every request of the round in flight, submitted by {@code submitters} threads; Redisson's
 * side submits in batches of {@code batch} tasks with its batch API) for {@code has_symbol} and for a pure no-op; then
 * 256 KiB results; then, separately, a 10 ms blocking operation at pool sizes 1 … 32.
 */
public final class ClusterBenchmark {
    static final String NAMESPACE = "bench";
    static final String LIBRARY = "bench_cluster";
    static final String EXECUTOR = "bench";
    static final String BLOB_SYMBOL = "BLOB";
    /** Bytes of one 256 KiB result, as rows × 40 (what MB/s counts). */
    static final long BLOB_BYTES = (long) BenchOperations.FRAME_ROWS * Frames.ROW_BYTES;
    private static final Duration WAIT = Duration.ofMinutes(3);

    /** What to run. */
    public record Config(int workers, int pool, int symbols, int warmup, int rounds, int latencyRequests,
                         int throughputRequests, int blobRequests, int submitters, int batch, List<Integer> scalingPools,
                         int sleepMillis, int scalingRequestsPerThread, int heartbeatMillis, boolean baseline,
                         int resultTtlSeconds) {
        public Config {
            positive(workers, "workers");
            positive(pool, "pool");
            positive(symbols, "symbols");
            if (warmup < 0) {
                throw new IllegalArgumentException("warmup must not be negative, was " + warmup);
            }
            positive(rounds, "rounds");
            positive(latencyRequests, "latency-requests");
            positive(throughputRequests, "throughput-requests");
            if (blobRequests < 0) {
                throw new IllegalArgumentException("blob-requests must not be negative, was " + blobRequests);
            }
            positive(submitters, "submitters");
            positive(batch, "batch");
            scalingPools = List.copyOf(Objects.requireNonNull(scalingPools, "scalingPools"));
            for (int p : scalingPools) {
                positive(p, "scaling pool size");
            }
            if (sleepMillis < 0) {
                throw new IllegalArgumentException("sleep-ms must not be negative, was " + sleepMillis);
            }
            positive(scalingRequestsPerThread, "scaling-requests");
            if (heartbeatMillis < 50) {
                throw new IllegalArgumentException("heartbeat-ms must be at least 50, was " + heartbeatMillis);
            }
            positive(resultTtlSeconds, "result-ttl-s");
        }

        public static Config defaults() {
            // Results expire after 30 s: the run then measures Redis reusing memory, as a pool whose result TTL
            // matches its rate does, not Redis growing by every result for an hour (benchmarks.md §5).
            return new Config(2, 8, 100, 1, 3, 2_000, 20_000, 400, 4, 100, List.of(1, 2, 4, 8, 16, 32), 10, 50,
                    1000, true, 30);
        }

        int maxPool() {
            int max = pool;
            for (int p : scalingPools) {
                max = Math.max(max, p);
            }
            return max;
        }

        private static void positive(int v, String name) {
            if (v < 1) {
                throw new IllegalArgumentException(name + " must be at least 1, was " + v);
            }
        }
    }

    /** Everything measured: per-request latencies, per-round elapsed times of the throughput steps. */
    public record Result(Config config, Measurements steps) {
        /** Requests per second in the median round of a throughput step of {@code requests} requests. */
        double perSecond(String step, int requests) {
            return requests / (steps.median(step) / 1e9);
        }
    }

    private final Config config;
    private final PrintStream log;

    public ClusterBenchmark(Config config, PrintStream log) {
        this.config = Objects.requireNonNull(config, "config must not be null");
        this.log = Objects.requireNonNull(log, "log must not be null");
    }

    public Result run() throws Exception {
        Measurements m = new Measurements();
        List<ChildJvm> children = new ArrayList<>();
        ExecutorService submitters = Executors.newFixedThreadPool(config.submitters());
        ExecutorService storePool = Executors.newFixedThreadPool(config.pool());
        try (RedisProcess redis = new RedisProcess(); ClusterMongo mongo = new ClusterMongo();
             Arctic arctic = Arctic.connect(mongo.url())) {
            String[] symbols = seed(arctic);
            try (Coordinator coordinator = Coordinator.start(CoordinatorConfig.builder().redisUrl(redis.url())
                    .namespace(NAMESPACE).coordinatorId("bench-c1").heartbeatInterval(Duration.ofMillis(config.heartbeatMillis()))
                    .initialPoolSize(config.pool()).build());
                 RedisConnections connections = new RedisConnections(RedisUrl.parse(redis.url()), "bench-harness", 2)) {
                startWorkers(redis, mongo, children);
                children.add(new ChildJvm("stream-echo", StreamEcho.class, "64m",
                        Map.of("bench.redis.port", Integer.toString(redis.port()))));
                PoolControl control = new PoolControl(connections, NAMESPACE);
                awaitOwnedAndCapacity(redis, control, config.pool());
                // Without the baseline no Redisson worker runs; the client is still made (cheap) to keep one code path.
                RedissonClient redisson = Redisson.create(RedissonWorkerMain.config(redis.url()));
                Duration ttl = Duration.ofSeconds(config.resultTtlSeconds());
                try (AsyncArctic aa = AsyncArctic.builder().redis(redis.url()).namespace(NAMESPACE).resultTtl(ttl)
                        .build();
                     RedisStreamsTransport raw = RedisStreamsTransport.builder().url(redis.url()).namespace(NAMESPACE)
                             .registry(BenchOperations.registry()).resultTtl(ttl).build();
                     AsyncArctic aaPipelined = AsyncArctic.builder().redis(redis.url()).namespace(NAMESPACE)
                             .resultTtl(ttl).pipelinedSubmits(true).build();
                     RedisStreamsTransport rawPipelined = RedisStreamsTransport.builder().url(redis.url())
                             .namespace(NAMESPACE).registry(BenchOperations.registry()).resultTtl(ttl)
                             .pipelinedSubmits(true).build()) {
                    RExecutorService es = redisson.getExecutorService(EXECUTOR);
                    if (config.baseline()) {
                        awaitRedissonWorkers(es, children);
                    }
                    log.printf("cluster benchmark: %d worker JVMs + %d Redisson worker JVMs, pool %d, redis %s, "
                                    + "mongo %s, submitters %d, Redisson batch %d%n", config.workers(),
                            config.baseline() ? config.workers() : 0, config.pool(), redis.url(), mongo.url(), config.submitters(),
                            config.batch());
                    VersionStore store = arctic.getLibrary(LIBRARY);
                    Sides sides = new Sides(aa, raw, es, symbols, submitters, new StreamEcho.Client(redis.port()),
                            store, storePool);
                    Sides pipelined = new Sides(aaPipelined, rawPipelined, es, symbols, submitters, null, store,
                            storePool);
                    for (int round = 0; round < config.warmup() + config.rounds(); round++) {
                        m.recording(round >= config.warmup());
                        runRound(round, sides, pipelined, m);
                        children.forEach(ChildJvm::checkAlive);
                        log.printf("  round %d done%s%n", round, round < config.warmup() ? " (warmup)" : "");
                    }
                    if (!config.scalingPools().isEmpty()) {
                        scaling(aa, raw, control, m);
                    }
                } finally {
                    redisson.shutdown();
                }
            } finally {
                for (ChildJvm c : children) {
                    c.close();
                }
            }
        } finally {
            submitters.shutdownNow();
            storePool.shutdownNow();
        }
        return new Result(config, m);
    }

    // ---- setup ------------------------------------------------------------------------------------------------------

    private String[] seed(Arctic arctic) {
        arctic.initializeLibrary(LIBRARY);
        VersionStore lib = arctic.getLibrary(LIBRARY);
        String[] symbols = new String[config.symbols()];
        DataFrame tiny = Frames.prices(10, 7);
        for (int s = 0; s < symbols.length; s++) {
            symbols[s] = String.format("SYM%04d", s);
            lib.write(symbols[s], tiny);
        }
        lib.write(BLOB_SYMBOL, BenchOperations.FRAME);
        return symbols;
    }

    private void startWorkers(RedisProcess redis, ClusterMongo mongo, List<ChildJvm> children) throws Exception {
        int maxThreads = config.maxPool();
        for (int w = 0; w < config.workers(); w++) {
            children.add(new ChildJvm("worker-w" + w, BenchWorkerMain.class, "512m", Map.of(
                    "ARCTIC_ASYNC_REDIS_URL", redis.url(),
                    "ARCTIC_ASYNC_MONGO_URL", mongo.url(),
                    "ARCTIC_ASYNC_NAMESPACE", NAMESPACE,
                    "ARCTIC_ASYNC_WORKER_ID", "w" + w,
                    "ARCTIC_ASYNC_WORKER_THREADS", Integer.toString(maxThreads),
                    "ARCTIC_ASYNC_HEARTBEAT_MS", Integer.toString(config.heartbeatMillis()),
                    "ARCTIC_ASYNC_RESULT_TTL_S", Integer.toString(config.resultTtlSeconds()))));
        }
        for (int w = 0; config.baseline() && w < config.workers(); w++) {
            // Redisson's executor has no cluster-wide limit: each JVM gets its share of the pool.
            int share = config.pool() / config.workers() + (w < config.pool() % config.workers() ? 1 : 0);
            children.add(new ChildJvm("redisson-r" + w, RedissonWorkerMain.class, "512m", Map.of(
                    "bench.redis", redis.url(),
                    "bench.mongo", mongo.url(),
                    "bench.library", LIBRARY,
                    "bench.executor", EXECUTOR,
                    "bench.workers", Integer.toString(Math.max(1, share)))));
        }
    }

    /** Waits until every partition has an owner and the live workers report at least {@code capacity} threads. */
    private void awaitOwnedAndCapacity(RedisProcess redis, PoolControl control, int capacity) throws Exception {
        Keys keys = Keys.of(NAMESPACE);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (Jedis jedis = new Jedis(new HostAndPort("127.0.0.1", redis.port()))) {
            while (true) {
                int owned = 0;
                for (int p = 0; p < keys.partitions(); p++) {
                    if (jedis.exists(keys.owner(p))) {
                        owned++;
                    }
                }
                int live = control.liveCapacity();
                if (owned == keys.partitions() && live == capacity) {
                    return;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("workers not ready after 60 s: " + owned + "/" + keys.partitions()
                            + " partitions owned, capacity " + live + " (want " + capacity + ")");
                }
                Thread.sleep(100);
            }
        }
    }

    private void awaitRedissonWorkers(RExecutorService es, List<ChildJvm> children) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        int want = Math.max(config.pool(), config.workers());
        while (es.countActiveWorkers() < want) {
            children.forEach(ChildJvm::checkAlive);
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("Redisson workers not ready after 60 s: " + es.countActiveWorkers()
                        + " of " + want);
            }
            Thread.sleep(100);
        }
    }

    // ---- the sides --------------------------------------------------------------------------------------------------

    /** The clients of both sides and how each submits one request or many. */
    private final class Sides {
        final AsyncArctic aa;
        final RedisStreamsTransport raw;
        final RExecutorService es;
        final String[] symbols;
        final ExecutorService submitters;
        /** The store-alone ceiling: the harness's own store on the same MongoDB, and a bare pool to call it. */
        final VersionStore store;
        final ExecutorService storePool;
        /** The bare stream round trip (the latency floor); null where unused. */
        final StreamEcho.Client echo;
        /** When the last submit of the latest many-in-flight step returned (for the submit-only rate). */
        volatile long submittedAt;

        Sides(AsyncArctic aa, RedisStreamsTransport raw, RExecutorService es, String[] symbols,
              ExecutorService submitters, StreamEcho.Client echo, VersionStore store, ExecutorService storePool) {
            this.aa = aa;
            this.raw = raw;
            this.es = es;
            this.symbols = symbols;
            this.submitters = submitters;
            this.echo = echo;
            this.store = store;
            this.storePool = storePool;
        }

        String symbol(int k) {
            return symbols[k % symbols.length];
        }

        AsyncRequest hasSymbol(int k) {
            return aa.submit(LibraryRef.of(LIBRARY), "has_symbol", false, symbol(k));
        }

        RequestHandle raw(String operation, String symbol, Object... more) {
            List<Object> args = new ArrayList<>();
            args.add(symbol);
            args.addAll(List.of(more));
            OperationCall call = OperationCall.of(LIBRARY, BenchOperations.registry().lookup(operation)
                    .bind(args, Map.of()), false, false);
            return raw.submit(call, null);
        }

        /** Ours: {@code n} requests submitted by the submitter threads, then every result awaited. */
        List<Object> ours(int n, IntFunction<CompletableFuture<Object>> submit) throws Exception {
            List<Future<List<CompletableFuture<Object>>>> parts = new ArrayList<>();
            int threads = config.submitters();
            for (int t = 0; t < threads; t++) {
                int from = (int) ((long) n * t / threads);
                int to = (int) ((long) n * (t + 1) / threads);
                parts.add(submitters.submit(() -> {
                    List<CompletableFuture<Object>> out = new ArrayList<>(to - from);
                    for (int k = from; k < to; k++) {
                        out.add(submit.apply(k));
                    }
                    return out;
                }));
            }
            List<CompletableFuture<Object>> all = new ArrayList<>(n);
            for (Future<List<CompletableFuture<Object>>> part : parts) {
                all.addAll(part.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            }
            submittedAt = System.nanoTime();
            List<Object> results = new ArrayList<>(n);
            for (CompletableFuture<Object> f : all) {
                results.add(f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            }
            return results;
        }

        /** The store alone: {@code n} {@code hasSymbol} calls in flight on a bare pool of the cluster's size. */
        List<Object> storeAlone(int n) throws Exception {
            List<Future<Boolean>> all = new ArrayList<>(n);
            for (int k = 0; k < n; k++) {
                String symbol = symbol(k);
                all.add(storePool.submit(() -> store.hasSymbol(symbol)));
            }
            List<Object> results = new ArrayList<>(n);
            for (Future<Boolean> f : all) {
                results.add(f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            }
            return results;
        }

        /** Redisson: {@code n} tasks submitted in batches of {@code batch} by the submitter threads, then awaited. */
        List<Object> redisson(int n, IntFunction<Callable<?>> task) throws Exception {
            List<Future<List<RExecutorFuture<?>>>> parts = new ArrayList<>();
            int threads = config.submitters();
            for (int t = 0; t < threads; t++) {
                int from = (int) ((long) n * t / threads);
                int to = (int) ((long) n * (t + 1) / threads);
                parts.add(submitters.submit(() -> {
                    List<RExecutorFuture<?>> out = new ArrayList<>(to - from);
                    for (int k = from; k < to; k += config.batch()) {
                        int size = Math.min(config.batch(), to - k);
                        Callable<?>[] tasks = new Callable<?>[size];
                        for (int i = 0; i < size; i++) {
                            tasks[i] = task.apply(k + i);
                        }
                        RExecutorBatchFuture batch = es.submit(tasks);
                        out.addAll(batch.getTaskFutures());
                    }
                    return out;
                }));
            }
            List<RExecutorFuture<?>> all = new ArrayList<>(n);
            for (Future<List<RExecutorFuture<?>>> part : parts) {
                all.addAll(part.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            }
            submittedAt = System.nanoTime();
            List<Object> results = new ArrayList<>(n);
            for (RExecutorFuture<?> f : all) {
                results.add(f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            }
            return results;
        }
    }

    // ---- one round --------------------------------------------------------------------------------------------------

    private void runRound(int round, Sides s, Sides pipelined, Measurements m) throws Exception {
        boolean oursFirst = round % 2 == 0;
        int lat = config.latencyRequests();
        pair(oursFirst,
                () -> tracedLatency(m, "ours.has_symbol.latency", lat, k -> {
                    AsyncRequest r = s.hasSymbol(k);
                    Object result = s.aa.waitRequest(r, WAIT);
                    return new Traced(result, r.createTime(), r.startTime(), r.endTime());
                }),
                () -> latency(m, "redisson.has_symbol.latency", lat,
                        k -> s.es.submit(new RedissonTasks.HasSymbol(s.symbol(k))).get(WAIT.toMillis(),
                                TimeUnit.MILLISECONDS)));
        pair(oursFirst,
                () -> tracedLatency(m, "ours.noop.latency", lat, k -> {
                    RequestHandle h = s.raw("bench_noop", s.symbol(k));
                    Object result = h.completion().get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    return new Traced(result, h.createTime(), h.startTime(), h.endTime());
                }),
                () -> latency(m, "redisson.noop.latency", lat,
                        k -> s.es.submit(new RedissonTasks.Noop(s.symbol(k))).get(WAIT.toMillis(),
                                TimeUnit.MILLISECONDS)));
        // The floor: what two blocking stream reads between two JVMs cost on this machine now, nothing of ours.
        latency(m, "floor.noop.latency", lat, k -> s.echo.roundTrip());
        int n = config.throughputRequests();
        pair(oursFirst,
                () -> timed(m, "ours.has_symbol.throughput", s, () -> checkAll(s.ours(n,
                        k -> s.hasSymbol(k).toCompletableFuture()), true)),
                () -> timed(m, "redisson.has_symbol.throughput", s, () -> checkAll(s.redisson(n,
                        k -> new RedissonTasks.HasSymbol(s.symbol(k))), true)));
        // The ceiling of has_symbol on this machine: the store alone, no transport (MongoDB's cost, which both pay).
        timed(m, "store.has_symbol.throughput", () -> checkAll(s.storeAlone(n), true));
        pair(oursFirst,
                () -> timed(m, "ours.noop.throughput", s, () -> checkAll(s.ours(n,
                        k -> s.raw("bench_noop", s.symbol(k)).completion()), true)),
                () -> timed(m, "redisson.noop.throughput", s, () -> checkAll(s.redisson(n,
                        k -> new RedissonTasks.Noop(s.symbol(k))), true)));
        // The same steps with pipelined submits (submit returns before Redis acknowledges; a sender thread batches).
        timed(m, "ours.has_symbol.throughput.pipelined", pipelined, () -> checkAll(pipelined.ours(n,
                k -> pipelined.hasSymbol(k).toCompletableFuture()), true));
        timed(m, "ours.noop.throughput.pipelined", pipelined, () -> checkAll(pipelined.ours(n,
                k -> pipelined.raw("bench_noop", pipelined.symbol(k)).completion()), true));
        int b = config.blobRequests();
        if (b > 0) {
            pair(oursFirst,
                    () -> timed(m, "ours.read256k.throughput", () -> checkFrames(s.ours(b,
                            k -> s.aa.submit(LibraryRef.of(LIBRARY), "read", false, BLOB_SYMBOL)
                                    .toCompletableFuture()))),
                    () -> timed(m, "redisson.blob256k.throughput", () -> checkBlobs(s.redisson(b,
                            k -> new RedissonTasks.Blob()))));
            timed(m, "ours.frame256k.throughput", () -> checkFrames(s.ours(b,
                    k -> s.raw("bench_frame", s.symbol(k)).completion())));
        }
    }

    @FunctionalInterface
    private interface Work {
        void run() throws Exception;
    }

    @FunctionalInterface
    private interface One {
        Object call(int k) throws Exception;
    }

    /** A result with its request's timestamps (created by the client, started and ended by the worker), or nulls. */
    private record Traced(Object result, Instant created, Instant started, Instant ended) {
    }

    @FunctionalInterface
    private interface TracedOne {
        Traced call(int k) throws Exception;
    }

    private void pair(boolean oursFirst, Work ours, Work baseline) throws Exception {
        if (!config.baseline()) {
            ours.run();
        } else if (oursFirst) {
            ours.run();
            baseline.run();
        } else {
            baseline.run();
            ours.run();
        }
    }

    private static void latency(Measurements m, String step, int requests, One one) throws Exception {
        tracedLatency(m, step, requests, k -> new Traced(one.call(k), null, null, null));
    }

    /**
     * Times {@code requests} calls one after another under {@code step}, each of which must return true. A call that
     * also returns its request's timestamps is split into {@code step.to-start} (submit, queue, fetch and dispatch up
     * to the worker starting the operation), {@code step.run} and {@code step.to-caller} (encode, post, notice and
     * hand over until the caller holds the result), recorded outside the timed region. The worker's timestamps are
     * wall-clock time of the same machine, so the three parts share one clock; with microsecond timestamps they add
     * up to the sample within a few microseconds.
     */
    private static void tracedLatency(Measurements m, String step, int requests, TracedOne one) throws Exception {
        for (int k = 0; k < requests; k++) {
            long t0 = System.nanoTime();
            Traced t = one.call(k);
            long elapsed = System.nanoTime() - t0;
            Instant inHand = Instant.now();
            m.record(step, elapsed);
            if (!Boolean.TRUE.equals(t.result())) {
                throw new IllegalStateException(step + ": expected true, got " + t.result());
            }
            if (t.started() != null) {
                m.record(step + ".to-start", Duration.between(t.created(), t.started()).toNanos());
                m.record(step + ".run", Duration.between(t.started(), t.ended()).toNanos());
                m.record(step + ".to-caller", Duration.between(t.ended(), inHand).toNanos());
            }
        }
    }

    private static void timed(Measurements m, String step, Work work) throws Exception {
        long t0 = System.nanoTime();
        work.run();
        m.record(step, System.nanoTime() - t0);
    }

    /** As {@link #timed}, and records under {@code step.submit} how long submitting alone took. */
    private static void timed(Measurements m, String step, Sides s, Work work) throws Exception {
        long t0 = System.nanoTime();
        work.run();
        long end = System.nanoTime();
        m.record(step, end - t0);
        m.record(step + ".submit", s.submittedAt - t0);
    }

    private static void checkAll(List<Object> results, Object expected) {
        for (Object r : results) {
            if (!expected.equals(r)) {
                throw new IllegalStateException("expected " + expected + ", got " + r);
            }
        }
    }

    private static void checkFrames(List<Object> results) {
        for (Object r : results) {
            DataFrame f = r instanceof VersionedItem item ? (DataFrame) item.data() : (DataFrame) r;
            if (f.rowCount() != BenchOperations.FRAME_ROWS) {
                throw new IllegalStateException("expected a frame of " + BenchOperations.FRAME_ROWS + " rows, got "
                        + f.rowCount());
            }
        }
    }

    private static void checkBlobs(List<Object> results) {
        for (Object r : results) {
            if (((byte[]) r).length != BLOB_BYTES) {
                throw new IllegalStateException("expected " + BLOB_BYTES + " bytes, got " + ((byte[]) r).length);
            }
        }
    }

    // ---- scaling ----------------------------------------------------------------------------------------------------

    private void scaling(AsyncArctic aa, RedisStreamsTransport raw, PoolControl control, Measurements m)
            throws Exception {
        int seq = 0;
        for (int pool : config.scalingPools()) {
            aa.resetPool(pool, Duration.ofSeconds(60));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (control.liveCapacity() != pool) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("capacity " + control.liveCapacity() + " after resize to " + pool);
                }
                Thread.sleep(50);
            }
            int n = Math.max(2 * pool, config.scalingRequestsPerThread() * pool);
            for (int round = -1; round < config.rounds(); round++) {
                long t0 = System.nanoTime();
                List<RequestHandle> handles = new ArrayList<>(n);
                for (int k = 0; k < n; k++) {
                    handles.add(submitRaw(raw, "bench_sleep", "SLEEP" + (seq++), config.sleepMillis()));
                }
                for (RequestHandle h : handles) {
                    if (!Boolean.TRUE.equals(h.completion().get(WAIT.toMillis(), TimeUnit.MILLISECONDS))) {
                        throw new IllegalStateException("bench_sleep did not return true");
                    }
                }
                if (round >= 0) {
                    m.record("ours.sleep.pool" + pool, System.nanoTime() - t0);
                }
            }
            log.printf("  scaling: pool %d done (%d requests per round)%n", pool, n);
        }
    }

    private static RequestHandle submitRaw(RedisStreamsTransport raw, String op, String symbol, Object... more) {
        List<Object> args = new ArrayList<>();
        args.add(symbol);
        args.addAll(List.of(more));
        return raw.submit(OperationCall.of(LIBRARY, BenchOperations.registry().lookup(op).bind(args, Map.of()), false,
                false), null);
    }

    static int scalingRequests(Config c, int pool) {
        return Math.max(2 * pool, c.scalingRequestsPerThread() * pool);
    }

    // ---- report -----------------------------------------------------------------------------------------------------

    /** {@code ours / baseline} at percentile {@code p} as "0.48x", or "n/a" when the baseline did not run. */
    private static String ratio(Measurements m, String ours, String baseline, double p) {
        return m.has(baseline) ? String.format("%.2fx", (double) m.percentile(ours, p) / m.percentile(baseline, p))
                : "n/a";
    }

    /** The parts {@link #tracedLatency} splits a sample into: step suffix, and how the report names it. */
    private static final String[][] LATENCY_PHASES = {
            {".to-start", "of which submit -> start"}, {".run", "of which run"},
            {".to-caller", "of which end -> caller"}};

    private static void printLatency(PrintStream out, Measurements m, String step) {
        printLatency(out, m, step, step);
    }

    private static void printLatency(PrintStream out, Measurements m, String label, String step) {
        out.printf("%-30s %9.1f %9.1f %9.1f%n", label, m.percentile(step, 50) / 1e3, m.percentile(step, 90) / 1e3,
                m.percentile(step, 99) / 1e3);
    }

    /** Prints the figures as docs/benchmarks.md shows them. */
    public static void print(Result r, PrintStream out) {
        Measurements m = r.steps();
        Config c = r.config();
        out.printf("%nlatency, submit -> result, one request in flight (%d samples per side)%n",
                m.count("ours.noop.latency"));
        out.printf("%-30s %9s %9s %9s%n", "side", "p50 us", "p90 us", "p99 us");
        for (String op : List.of("has_symbol", "noop")) {
            for (String side : c.baseline() ? List.of("ours", "redisson") : List.of("ours")) {
                String step = side + "." + op + ".latency";
                if (side.equals("ours") && op.equals("noop")) {
                    printLatency(out, m, "floor.noop.latency");
                }
                printLatency(out, m, step);
                if (side.equals("ours")) {
                    for (String[] phase : LATENCY_PHASES) {
                        printLatency(out, m, "  " + phase[1], step + phase[0]);
                    }
                }
            }
            double p50 = m.percentile("ours." + op + ".latency", 50) / 1e6;
            double p99 = m.percentile("ours." + op + ".latency", 99) / 1e6;
            out.printf("%s: ours/redisson p50 %s p99 %s; target p50 <= 0.3 ms %s (%.3f ms), p99 <= 1.5 ms %s"
                            + " (%.3f ms)%n", op, ratio(m, "ours." + op + ".latency", "redisson." + op + ".latency", 50),
                    ratio(m, "ours." + op + ".latency", "redisson." + op + ".latency", 99),
                    p50 <= 0.3 ? "MET" : "MISSED", p50, p99 <= 1.5 ? "MET" : "MISSED", p99);
        }
        out.printf("noop: ours/floor p50 %s p99 %s (floor: a bare XADD -> XREAD round trip through a second JVM)%n",
                ratio(m, "ours.noop.latency", "floor.noop.latency", 50),
                ratio(m, "ours.noop.latency", "floor.noop.latency", 99));
        int n = c.throughputRequests();
        out.printf("%nthroughput, %d requests in flight per round, %d submitter threads (median of %d rounds)%n", n,
                c.submitters(), m.count("ours.noop.throughput"));
        for (String op : List.of("has_symbol", "noop")) {
            double ours = r.perSecond("ours." + op + ".throughput", n);
            double red = c.baseline() ? r.perSecond("redisson." + op + ".throughput", n) : Double.NaN;
            out.printf("%-11s ours %8.0f jobs/s, redisson %8.0f jobs/s, ratio %.2fx; target >= 20000 jobs/s %s%n", op,
                    ours, red, ours / red, ours >= 20_000 ? "MET" : "MISSED");
            out.printf("%-11s submitting alone: ours %8.0f jobs/s, redisson %8.0f jobs/s%n", "",
                    r.perSecond("ours." + op + ".throughput.submit", n),
                    c.baseline() ? r.perSecond("redisson." + op + ".throughput.submit", n) : Double.NaN);
            double pipelined = r.perSecond("ours." + op + ".throughput.pipelined", n);
            out.printf("%-11s pipelined submits: ours %8.0f jobs/s, ratio %.2fx; target >= 20000 jobs/s %s%n", "",
                    pipelined, pipelined / red, pipelined >= 20_000 ? "MET" : "MISSED");
            out.printf("%-11s submitting alone: ours %8.0f jobs/s%n", "",
                    r.perSecond("ours." + op + ".throughput.pipelined.submit", n));
            if (op.equals("has_symbol")) {
                double store = r.perSecond("store.has_symbol.throughput", n);
                out.printf("%-11s the store alone (%d threads calling VersionStore.hasSymbol in this JVM, no "
                        + "transport): %8.0f jobs/s; ours/store %.2fx, pipelined/store %.2fx%n", "", c.pool(), store,
                        ours / store, pipelined / store);
            }
        }
        if (c.blobRequests() > 0) {
            out.printf("%n256 KiB results (%d bytes of rows each), %d in flight per round%n", BLOB_BYTES,
                    c.blobRequests());
            for (String step : c.baseline() ? List.of("ours.read256k.throughput", "ours.frame256k.throughput",
                    "redisson.blob256k.throughput") : List.of("ours.read256k.throughput", "ours.frame256k.throughput")) {
                double perSecond = r.perSecond(step, c.blobRequests());
                double mbps = perSecond * BLOB_BYTES / 1e6;
                out.printf("%-30s %8.0f results/s %8.1f MB/s%s%n", step, perSecond, mbps,
                        step.startsWith("ours") ? (mbps >= 300 ? "  target >= 300 MB/s MET" : "  target >= 300 MB/s "
                                + "MISSED") : "");
            }
        }
        if (!c.scalingPools().isEmpty() && m.has("ours.sleep.pool" + c.scalingPools().get(0))) {
            int base = c.scalingPools().get(0);
            double baseRate = r.perSecond("ours.sleep.pool" + base, scalingRequests(c, base)) / base;
            out.printf("%n%d ms blocking operation (bench_sleep), throughput by cluster pool size (median of %d rounds)%n",
                    c.sleepMillis(), m.count("ours.sleep.pool" + base));
            out.printf("%6s %10s %10s %11s%n", "pool", "requests", "ops/s", "efficiency");
            for (int pool : c.scalingPools()) {
                double rate = r.perSecond("ours.sleep.pool" + pool, scalingRequests(c, pool));
                double eff = rate / (pool * baseRate);
                out.printf("%6d %10d %10.1f %10.1f%%%s%n", pool, scalingRequests(c, pool), rate, eff * 100,
                        pool == c.maxPool() ? (eff >= 0.9 ? "  target >= 90% MET" : "  target >= 90% MISSED") : "");
            }
        }
    }
}
