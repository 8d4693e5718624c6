package io.github.arcticasync.cli;

import io.github.arcticasync.asynchronous.AsyncArctic;
import io.github.arcticasync.asynchronous.AsyncRequest;
import io.github.arcticasync.asynchronous.Kwargs;
import io.github.arcticasync.asynchronous.LibraryRef;
import io.github.arcticasync.asynchronous.RequestDurationException;
import io.github.arcticasync.internal.transport.SafeUrls;
import io.github.arcticasync.store.Arctic;
import io.github.arcticasync.store.DataFrame;
import io.github.arcticasync.store.DateRange;
import io.github.arcticasync.store.NoDataFoundException;
import io.github.arcticasync.store.VersionInfo;
import io.github.arcticasync.store.VersionStore;
import io.github.arcticasync.store.VersionedItem;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The seed's usage examples of {@code arctic.asynchronous}, run end to end against a real MongoDB (embedded or
 * given) through an in-JVM {@link AsyncArctic}, or through a Redis cluster's workers, printing each step.
 *
 * <p>Every result is checked against what the demo wrote or provoked; a mismatch is a {@link DemoFailedException}.
 */
final class Demo {

    /** The three symbols of the batch write, as in the seed's examples. */
    static final List<String> SYMBOLS = List.of("AAPL", "MSFT", "GOOG");
    /** The symbol of the slow request in the timeout step. */
    static final String SLOW_SYMBOL = "SLOW";
    /** A symbol the demo never writes. */
    static final String MISSING_SYMBOL = "NO_SUCH_SYMBOL";
    /** How many distinct symbols the has_symbol rate step asks about. */
    static final int HAS_SYMBOL_REQUESTS = 100;
    /** The pool size of the pool-reset step. */
    static final int RESET_POOL_SIZE = 2;
    /** The wait that is meant to time out: far shorter than writing then reading the slow symbol takes. */
    static final Duration TINY_TIMEOUT = Duration.ofMillis(1);
    /** The deadline of every ordinary wait; generous, since a wait returns as soon as its requests finish. */
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

    private static final long MINUTE_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final Instant FIRST_BAR = Instant.parse("2024-01-02T00:00:00Z");
    private static final int STEPS = 8;

    private final DemoSettings settings;
    private final PrintWriter out;
    private final List<AsyncRequest> submitted = new ArrayList<>();
    private int step;

    Demo(DemoSettings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
    }

    /** Runs every step and prints the closing summary; throws on the first unexpected outcome. */
    DemoSummary run() {
        long start = System.nanoTime();
        step("Start MongoDB");
        EmbeddedMongo embedded = null;
        String mongoUrl = settings.mongoUrl();
        if (mongoUrl == null) {
            embedded = EmbeddedMongo.start(settings.dataDir());
            mongoUrl = embedded.connectionString();
            say("embedded MongoDB (mongo-java-server, H2 file backend) on %s", mongoUrl);
            say("data folder: %s (kept between runs; --data-dir to change)", embedded.dataDir());
        } else {
            say("using the MongoDB at %s", SafeUrls.mask(mongoUrl));
        }
        try (Arctic arctic = Arctic.connect(mongoUrl);
             AsyncArctic aa = asyncArctic(arctic)) {
            DemoSummary summary = runSteps(arctic, aa, start);
            say("");
            out.println(summary.line());
            out.flush();
            return summary;
        } finally {
            // Last, after the pool and the client: closing the store file is what makes this run's writes durable.
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    /**
     * The cluster client with {@code --redis}; else the local pool, resolving library names through the demo's Arctic,
     * the pool size from the settings.
     */
    private AsyncArctic asyncArctic(Arctic arctic) {
        if (settings.cluster()) {
            return AsyncArctic.builder().redis(settings.redisUrl()).namespace(settings.namespace()).build();
        }
        AsyncArctic.Builder builder = AsyncArctic.builder().libraries(arctic::getLibrary);
        if (settings.poolSize() != null) {
            builder.poolSize(settings.poolSize());
        }
        return builder.build();
    }

    private DemoSummary runSteps(Arctic arctic, AsyncArctic aa, long start) {
        VersionStore library = initializeLibrary(arctic);
        long totalBefore = 0;
        Object lib = library;
        if (settings.cluster()) {
            requireLiveWorkers();
            // A cluster client has no MongoDB of its own: the request names the library, the workers resolve it.
            lib = LibraryRef.of(settings.library());
            totalBefore = aa.totalRequests();
            say("Redis cluster at %s (namespace %s), pool of %d; its workers run the requests", SafeUrls.mask(
                    settings.redisUrl()), settings.namespace(), aa.poolSize());
        } else {
            say("in-JVM pool of %d threads", aa.poolSize());
        }
        long asyncStart = System.nanoTime();
        List<DataFrame> frames = batchWrites(aa, lib);
        concurrentReads(aa, lib, frames);
        mixedRequests(aa, lib, frames.get(2));
        errorHandling(aa, lib);
        poolReset(aa, lib);
        hasSymbolRate(aa, lib);
        long end = System.nanoTime();

        // A cluster counts every client's submissions since the namespace began: the demo's are the growth, and
        // other clients may add to it meanwhile.
        long total = aa.totalRequests() - totalBefore;
        if (settings.cluster() ? total < submitted.size() : total != submitted.size()) {
            throw new DemoFailedException("totalRequests() grew by " + total + " but the demo submitted "
                    + submitted.size() + " requests");
        }
        long errors = submitted.stream().filter(r -> r.exception() != null).count();
        return new DemoSummary(total, errors, 1, Duration.ofNanos(end - asyncStart), Duration.ofNanos(end - start));
    }

    private VersionStore initializeLibrary(Arctic arctic) {
        step("Initialise library '%s'", settings.library());
        if (arctic.listLibraries().contains(settings.library())) {
            VersionStore lib = arctic.getLibrary(settings.library());
            say("found from an earlier run, with symbols %s; this run writes new versions", lib.listSymbols());
            return lib;
        }
        arctic.initializeLibrary(settings.library());
        say("created (Arctic VersionStore layout: Python's Arctic reads it as Arctic(url)['%s'])", settings.library());
        return arctic.getLibrary(settings.library());
    }

    private List<DataFrame> batchWrites(AsyncArctic aa, Object lib) {
        step("Batch write of %d symbols, %,d rows each, submitted asynchronously", SYMBOLS.size(), settings.rows());
        List<DataFrame> frames = new ArrayList<>();
        for (int i = 0; i < SYMBOLS.size(); i++) {
            frames.add(minuteBars(settings.rows(), 100.0 * (i + 1), 17L * (i + 1) + System.nanoTime()));
        }
        say("submitting %d write requests (modifiers), then waiting with waitRequests (asyncWaitRequests)",
                SYMBOLS.size());
        Progress progress = progress("write", SYMBOLS.size());
        List<AsyncRequest> writes = new ArrayList<>();
        for (int i = 0; i < SYMBOLS.size(); i++) {
            AsyncRequest write = submit(aa, lib, "write", true, SYMBOLS.get(i), frames.get(i),
                    Map.<String, Object>of("source", "arctic-async demo"));
            write.onComplete(r -> progress.advance());
            writes.add(write);
        }
        List<Object> results = aa.waitRequests(writes, STEP_TIMEOUT);
        progress.finish(writes.size());
        for (int i = 0; i < results.size(); i++) {
            VersionedItem item = (VersionedItem) results.get(i);
            say("%s -> version %d (%s)", item.symbol(), item.version(), timings(writes.get(i)));
        }
        return frames;
    }

    private void concurrentReads(AsyncArctic aa, Object lib, List<DataFrame> frames) {
        step("Concurrent reads of the %d symbols", SYMBOLS.size());
        List<AsyncRequest> reads = new ArrayList<>();
        for (String symbol : SYMBOLS) {
            reads.add(submit(aa, lib, "read", false, symbol));
        }
        List<Object> results = aa.waitRequests(reads, STEP_TIMEOUT);
        for (int i = 0; i < results.size(); i++) {
            VersionedItem item = (VersionedItem) results.get(i);
            DataFrame frame = (DataFrame) item.data();
            if (!frames.get(i).equals(frame)) {
                throw new DemoFailedException("read of " + SYMBOLS.get(i) + " returned data that differs from what was"
                        + " written: " + frame);
            }
            say("%s v%d: %,d rows x %s, equal to what was written (%s)", item.symbol(), item.version(),
                    frame.rowCount(), frame.columnNames(), timings(reads.get(i)));
        }
    }

    private void mixedRequests(AsyncArctic aa, Object lib, DataFrame lastFrame) {
        step("Mixed requests: read_metadata, list_symbols, has_symbol, list_versions, read with date_range");
        long[] index = lastFrame.indexNanos();
        long lastNanos = index[index.length - 1];
        Instant lastBar = Instant.ofEpochSecond(0, lastNanos);
        DateRange lastDay = DateRange.of(lastBar.minus(Duration.ofDays(1)), lastBar);
        String last = SYMBOLS.get(2);
        List<AsyncRequest> mixed = List.of(
                submit(aa, lib, "read_metadata", false, SYMBOLS.get(0)),
                submit(aa, lib, "list_symbols", false),
                submit(aa, lib, "has_symbol", false, SYMBOLS.get(1)),
                submit(aa, lib, "list_versions", false, last),
                submit(aa, lib, "read", false, last, Kwargs.of("date_range", lastDay)));
        List<Object> results = aa.waitRequests(mixed, STEP_TIMEOUT);

        VersionedItem metadata = (VersionedItem) results.get(0);
        if (metadata.data() != null || !"arctic-async demo".equals(metadata.metadata().get("source"))) {
            throw new DemoFailedException("read_metadata returned " + metadata);
        }
        say("read_metadata(%s) -> v%d %s", metadata.symbol(), metadata.version(), metadata.metadata());

        @SuppressWarnings("unchecked")
        List<String> symbols = (List<String>) results.get(1);
        if (!symbols.containsAll(SYMBOLS)) {
            throw new DemoFailedException("list_symbols returned " + symbols + ", which lacks some of " + SYMBOLS);
        }
        say("list_symbols() -> %s", symbols);

        if (!Boolean.TRUE.equals(results.get(2))) {
            throw new DemoFailedException("has_symbol(" + SYMBOLS.get(1) + ") returned " + results.get(2));
        }
        say("has_symbol(%s) -> true", SYMBOLS.get(1));

        @SuppressWarnings("unchecked")
        List<VersionInfo> versions = (List<VersionInfo>) results.get(3);
        if (versions.isEmpty()) {
            throw new DemoFailedException("list_versions(" + last + ") returned no versions");
        }
        say("list_versions(%s) -> %d version(s), newest v%d", last, versions.size(), versions.get(0).version());

        DataFrame slice = (DataFrame) ((VersionedItem) results.get(4)).data();
        DataFrame expected = lastFrame.slice(lastDay);
        if (!expected.equals(slice)) {
            throw new DemoFailedException("read(" + last + ", date_range=" + lastDay + ") returned " + slice
                    + ", expected " + expected.rowCount() + " rows");
        }
        say("read(%s, date_range=last day) -> %,d of %,d rows", last, slice.rowCount(), lastFrame.rowCount());
    }

    private void errorHandling(AsyncArctic aa, Object lib) {
        step("Error handling: a missing symbol, and a wait that times out");
        AsyncRequest missing = submit(aa, lib, "read", false, MISSING_SYMBOL);
        try {
            Object unexpected = aa.waitRequest(missing, STEP_TIMEOUT);
            throw new DemoFailedException("read(" + MISSING_SYMBOL + ") returned " + unexpected
                    + " instead of failing");
        } catch (NoDataFoundException e) {
            say("read(%s) -> waitRequest re-threw %s: %s", MISSING_SYMBOL, e.getClass().getSimpleName(),
                    e.getMessage());
        }

        // The read queues behind a large write of the same symbol (a modifier runs alone on its symbol), so a 1 ms
        // wait on it cannot see it finish.
        DataFrame big = minuteBars(settings.rows() * 10, 50.0, 42L);
        AsyncRequest slowWrite = submit(aa, lib, "write", true, SLOW_SYMBOL, big);
        AsyncRequest slowRead = submit(aa, lib, "read", false, SLOW_SYMBOL);
        try {
            aa.waitRequest(slowRead, TINY_TIMEOUT);
            say("read(%s) finished within %d ms, so this run shows no timeout", SLOW_SYMBOL,
                    TINY_TIMEOUT.toMillis());
        } catch (RequestDurationException e) {
            say("waitRequest(read(%s), %d ms) -> %s: %s", SLOW_SYMBOL, TINY_TIMEOUT.toMillis(),
                    e.getClass().getSimpleName(), e.getMessage());
        }
        VersionedItem item = (VersionedItem) aa.waitRequest(slowRead, STEP_TIMEOUT);
        aa.waitRequest(slowWrite, STEP_TIMEOUT);
        DataFrame read = (DataFrame) item.data();
        if (!big.equals(read)) {
            throw new DemoFailedException("read(" + SLOW_SYMBOL + ") after the timeout returned " + read);
        }
        say("the request kept running; waiting again -> %,d rows (%s)", read.rowCount(), timings(slowRead));
    }

    private void poolReset(AsyncArctic aa, Object lib) {
        step("Pool reset: resetPool(%d), run %d reads, then back", RESET_POOL_SIZE, SYMBOLS.size() * 2);
        int clusterPoolSize = aa.poolSize();
        aa.resetPool(RESET_POOL_SIZE, STEP_TIMEOUT);
        List<AsyncRequest> reads = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (String symbol : SYMBOLS) {
                reads.add(submit(aa, lib, "read", false, symbol));
            }
        }
        aa.waitRequests(reads, STEP_TIMEOUT);
        int overlap = maxOverlap(reads);
        if (overlap > RESET_POOL_SIZE) {
            throw new DemoFailedException(overlap + " reads ran at once on a pool of " + RESET_POOL_SIZE);
        }
        say("%d reads done; at most %d ran at the same time", reads.size(), overlap);
        if (settings.cluster()) {
            // The cluster's size is the operator's: put back what it was rather than the client's default.
            aa.resetPool(clusterPoolSize, STEP_TIMEOUT);
            say("resetPool(%d) -> the cluster's pool size before the demo", clusterPoolSize);
        } else {
            aa.resetPool(null, STEP_TIMEOUT);
            say("resetPool(null) -> back to the configured pool size, %d", aa.poolSize());
        }
    }

    private void hasSymbolRate(AsyncArctic aa, Object lib) {
        step("has_symbol rate: %d symbols", HAS_SYMBOL_REQUESTS);
        Progress progress = progress("has_symbol", HAS_SYMBOL_REQUESTS);
        long start = System.nanoTime();
        List<AsyncRequest> requests = new ArrayList<>(HAS_SYMBOL_REQUESTS);
        for (int i = 0; i < HAS_SYMBOL_REQUESTS; i++) {
            String symbol = i < SYMBOLS.size() ? SYMBOLS.get(i) : String.format(Locale.ROOT, "sym_%03d", i);
            AsyncRequest request = submit(aa, lib, "has_symbol", false, symbol);
            request.onComplete(r -> progress.advance());
            requests.add(request);
        }
        List<Object> results = aa.waitRequests(requests, STEP_TIMEOUT);
        long nanos = System.nanoTime() - start;
        progress.finish(requests.size());
        long found = results.stream().filter(Boolean.TRUE::equals).count();
        if (found < SYMBOLS.size()) {
            throw new DemoFailedException("has_symbol found only " + found + " symbols; the demo wrote " + SYMBOLS);
        }
        say("%d has_symbol requests (%d found) in %.1f ms: %.0f requests/s", requests.size(), found, nanos / 1e6,
                requests.size() / (nanos / 1e9));
    }

    /** Fails at once, naming the remedy, when no worker would run the requests (rather than timing out later). */
    private void requireLiveWorkers() {
        try (ClusterStatusReader reader = new ClusterStatusReader(settings.redisUrl(), settings.namespace())) {
            int live = reader.read().map(s -> s.workers().size()).orElse(0);
            if (live == 0) {
                throw new DemoFailedException("no live workers in namespace " + settings.namespace() + " on "
                        + SafeUrls.mask(settings.redisUrl())
                        + ": start a cluster with 'arctic-async up --workers 2', or a coordinator and workers");
            }
            say("%d live worker(s) in the cluster", live);
        }
    }

    private AsyncRequest submit(AsyncArctic aa, Object lib, String operation, boolean isModifier,
                                Object... args) {
        AsyncRequest request = aa.submit(lib, operation, isModifier, args);
        submitted.add(request);
        return request;
    }

    /** The most requests whose [start, end] intervals overlap at one instant. */
    static int maxOverlap(List<AsyncRequest> requests) {
        List<long[]> events = new ArrayList<>();
        for (AsyncRequest r : requests) {
            events.add(new long[] {nanos(r.startTime()), +1});
            events.add(new long[] {nanos(r.endTime()), -1});
        }
        // At equal times an end sorts before a start: a thread that finished one request and took the next did
        // not run both at once.
        events.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        int running = 0;
        int max = 0;
        for (long[] event : events) {
            running += (int) event[1];
            max = Math.max(max, running);
        }
        return max;
    }

    private static long nanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    /** Minute bars from {@link #FIRST_BAR}: a random-walk price (float64) and a volume (int64). */
    static DataFrame minuteBars(int rows, double firstPrice, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        long first = nanos(FIRST_BAR);
        long[] index = new long[rows];
        double[] price = new double[rows];
        long[] volume = new long[rows];
        double p = firstPrice;
        for (int i = 0; i < rows; i++) {
            index[i] = first + i * MINUTE_NANOS;
            p = Math.max(0.01, p + random.nextGaussian() * 0.05);
            price[i] = Math.round(p * 100) / 100.0;
            volume[i] = 100L * random.nextInt(1, 500);
        }
        return DataFrame.builder().datetimeIndex(index).indexName("date").column("price", price)
                .column("volume", volume).build();
    }

    private String timings(AsyncRequest request) {
        return String.format(Locale.ROOT, "queued %.1f ms, ran %.1f ms", request.scheduleDelay().toNanos() / 1e6,
                request.executionDuration().toNanos() / 1e6);
    }

    private Progress progress(String label, int total) {
        return new Progress(out, label, total, settings.progressBars());
    }

    private void step(String format, Object... args) {
        step++;
        out.printf("%n[%d/%d] %s%n", step, STEPS, String.format(Locale.ROOT, format, args));
        out.flush();
    }

    private void say(String format, Object... args) {
        out.println(format.isEmpty() ? "" : "    " + String.format(Locale.ROOT, format, args));
        out.flush();
    }
}
