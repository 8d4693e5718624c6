package io.github.arcticasync.asynchronous;

import io.github.arcticasync.internal.execution.BoundArguments;
import io.github.arcticasync.internal.execution.Operation;
import io.github.arcticasync.internal.execution.OperationCall;
import io.github.arcticasync.internal.execution.OperationExecutor;
import io.github.arcticasync.internal.execution.OperationRegistry;
import io.github.arcticasync.internal.execution.RetryPolicy;
import io.github.arcticasync.internal.execution.StoreResolver;
import io.github.arcticasync.internal.transport.Durations;
import io.github.arcticasync.internal.transport.LocalTransport;
import io.github.arcticasync.internal.transport.RequestHandle;
import io.github.arcticasync.internal.transport.Transport;
import io.github.arcticasync.internal.transport.redis.RedisStreamsTransport;
import io.github.arcticasync.store.Arctic;
import io.github.arcticasync.store.VersionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs Arctic store operations asynchronously, as Python Arctic's {@code arctic.asynchronous}: submit a named operation
 * on a library, get an {@link AsyncRequest}, wait for its result. Per (library, symbol) a modifier runs alone and
 * accessors share, requests on one symbol start in submit order and none starves; different symbols run in parallel
 * up to the pool size.
 *
 * <p>The seed's functions are the static methods ({@code import static ...AsyncArctic.*}), delegating to
 * {@link #ASYNC_ARCTIC}, which configures itself at first use from {@code ARCTIC_ASYNC_*} system properties or
 * environment variables. {@link #builder()} makes independent instances; close them when done.
 *
 * <pre>{@code
 * try (AsyncArctic aa = AsyncArctic.builder().libraries(arctic::getLibrary).poolSize(8).build()) {
 *     AsyncRequest r = aa.submit(lib, "read", false, "AAPL", Kwargs.of("as_of", 3));
 *     VersionedItem item = (VersionedItem) aa.waitRequest(r, Duration.ofSeconds(30));
 * }
 * }</pre>
 */
public final class AsyncArctic implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AsyncArctic.class);

    /** The keyword that turns on retry of transient MongoDB errors for one request. */
    public static final String MONGO_RETRY = "mongo_retry";
    /** The keyword of a {@code Consumer<AsyncRequest>} run when the request completes. */
    public static final String ASYNC_CALLBACK = "async_callback";

    private static volatile Function<String, ? extends VersionStore> defaultLibraries;

    /** The process-wide instance behind the static functions, configured at first use. */
    public static final AsyncArctic ASYNC_ARCTIC = new AsyncArctic(AsyncArctic::fromEnvironment);

    private final Supplier<Runtime> factory;
    private volatile Runtime runtime;

    private AsyncArctic(Supplier<Runtime> factory) {
        this.factory = factory;
    }

    /** A built instance: its transport is already open, so close() must release it even if it was never used. */
    private AsyncArctic(Runtime started) {
        this.factory = () -> started;
        this.runtime = started;
    }

    /** A builder of independent instances. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Sets the Arctic {@link #ASYNC_ARCTIC} resolves {@link LibraryRef}s against when {@code ARCTIC_ASYNC_MONGO_URL} is
     * not set (the embedded default), obtained at the first name to resolve. Must be called before its first use.
     */
    public static void setDefaultArcticSupplier(Supplier<Arctic> supplier) {
        setDefaultLibraries(MongoLibraries.of(Objects.requireNonNull(supplier, "supplier")));
    }

    /**
     * Sets how {@link #ASYNC_ARCTIC} resolves {@link LibraryRef}s when {@code ARCTIC_ASYNC_MONGO_URL} is not set (the
     * embedded default). Must be called before its first use; the CLI calls it with its embedded MongoDB.
     */
    public static void setDefaultLibraries(Function<String, ? extends VersionStore> libraries) {
        defaultLibraries = Objects.requireNonNull(libraries, "libraries");
    }

    // ---- the seed's functions ------------------------------------------------------------------------------------

    /** {@code async_arctic_submit}: {@link #submit} on {@link #ASYNC_ARCTIC}. */
    public static AsyncRequest asyncArcticSubmit(Object store, String fun, boolean isModifier, Object... args) {
        return ASYNC_ARCTIC.submit(store, fun, isModifier, args);
    }

    /** {@code async_wait_request}: waits without limit and returns the result. */
    public static Object asyncWaitRequest(AsyncRequest request) {
        return ASYNC_ARCTIC.waitRequest(request);
    }

    public static Object asyncWaitRequest(AsyncRequest request, Duration timeout) {
        return ASYNC_ARCTIC.waitRequest(request, timeout);
    }

    public static List<Object> asyncWaitRequests(List<AsyncRequest> requests) {
        return ASYNC_ARCTIC.waitRequests(requests);
    }

    public static List<Object> asyncWaitRequests(List<AsyncRequest> requests, Duration timeout) {
        return ASYNC_ARCTIC.waitRequests(requests, timeout);
    }

    public static void asyncShutdown() {
        ASYNC_ARCTIC.shutdown();
    }

    public static void asyncShutdown(Duration timeout) {
        ASYNC_ARCTIC.shutdown(timeout);
    }

    public static void asyncAwaitTermination() {
        ASYNC_ARCTIC.awaitTermination();
    }

    public static void asyncAwaitTermination(Duration timeout) {
        ASYNC_ARCTIC.awaitTermination(timeout);
    }

    public static void asyncResetPool() {
        ASYNC_ARCTIC.resetPool();
    }

    public static void asyncResetPool(Integer poolSize) {
        ASYNC_ARCTIC.resetPool(poolSize);
    }

    public static void asyncResetPool(Integer poolSize, Duration timeout) {
        ASYNC_ARCTIC.resetPool(poolSize, timeout);
    }

    public static long asyncTotalRequests() {
        return ASYNC_ARCTIC.totalRequests();
    }

    // ---- instance API --------------------------------------------------------------------------------------------

    /**
     * Submits operation {@code fun} on {@code store}.
     *
     * @param store      a {@link VersionStore} or a {@link LibraryRef}
     * @param fun        an operation name, Python ({@code read_metadata}) or Java ({@code readMetadata}) spelling
     * @param isModifier true to treat the request as a modifier even if the operation is an accessor; it can only make
     *                   a request stricter
     * @param args       the operation's positional arguments, then optionally a {@link Kwargs}
     * @return the request, queued
     * @throws IllegalArgumentException if the store, name or arguments do not fit; nothing is queued then
     * @throws AsyncArcticException     if this instance has been shut down
     */
    public AsyncRequest submit(Object store, String fun, boolean isModifier, Object... args) {
        if (store == null) {
            throw new IllegalArgumentException("store must be a VersionStore or a LibraryRef, was null");
        }
        if (args == null) {
            throw new IllegalArgumentException("args must not be null (pass no arguments instead)");
        }
        String library = libraryOf(store);
        Operation operation = OperationRegistry.standard().lookup(fun);
        List<Object> positional = new ArrayList<>(Arrays.asList(args));
        Map<String, Object> keywords = new LinkedHashMap<>();
        if (!positional.isEmpty() && positional.get(positional.size() - 1) instanceof Kwargs kw) {
            positional.remove(positional.size() - 1);
            keywords.putAll(kw.asMap());
        }
        for (int i = 0; i < positional.size(); i++) {
            if (positional.get(i) instanceof Kwargs) {
                throw new IllegalArgumentException(operation.name() + ": Kwargs must be the last argument, found at "
                        + "position " + i);
            }
        }
        Runtime rt = runtime();
        boolean retry = rt.defaultRetry;
        if (keywords.containsKey(MONGO_RETRY)) {
            Object v = keywords.remove(MONGO_RETRY);
            if (!(v instanceof Boolean b)) {
                throw new IllegalArgumentException(MONGO_RETRY + " must be a Boolean, was " + v);
            }
            retry = b;
        }
        Consumer<AsyncRequest> callback = callbackOf(keywords.remove(ASYNC_CALLBACK), keywords);
        BoundArguments bound = operation.bind(positional, keywords);
        OperationCall call = OperationCall.of(library, bound, isModifier, retry);
        RequestHandle handle = rt.transport.submit(call, store instanceof VersionStore vs ? vs : null);
        AsyncRequest request = new AsyncRequest(handle);
        if (callback != null) {
            request.onComplete(callback);
        }
        return request;
    }

    @SuppressWarnings("unchecked")
    private static Consumer<AsyncRequest> callbackOf(Object value, Map<String, Object> keywords) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Consumer<?>)) {
            throw new IllegalArgumentException(ASYNC_CALLBACK + " must be a Consumer<AsyncRequest>, was "
                    + value.getClass().getName());
        }
        return (Consumer<AsyncRequest>) value;
    }

    private static String libraryOf(Object store) {
        if (store instanceof LibraryRef ref) {
            return ref.name();
        }
        if (store instanceof VersionStore vs) {
            String name = vs.libraryName();
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("store has no library name");
            }
            return name;
        }
        throw new IllegalArgumentException("store must be a VersionStore or a LibraryRef, was "
                + store.getClass().getName());
    }

    /** Waits for {@code request} without limit; see {@link #waitRequest(AsyncRequest, Duration)}. */
    public Object waitRequest(AsyncRequest request) {
        return waitRequest(request, null);
    }

    /**
     * Waits for {@code request} and returns its result. Waiting consumes nothing: any number of threads may wait.
     *
     * @param timeout the longest wait, null = no limit
     * @throws RequestDurationException on timeout; the request keeps running and can be waited on again
     * @throws RuntimeException         the operation's own exception (the same instance) if it failed
     */
    public Object waitRequest(AsyncRequest request, Duration timeout) {
        Objects.requireNonNull(request, "request must not be null");
        return await(request, deadline(timeout), timeout);
    }

    public List<Object> waitRequests(List<AsyncRequest> requests) {
        return waitRequests(requests, null);
    }

    /**
     * Waits for all {@code requests} under one overall deadline and returns their results in input order.
     *
     * @throws RequestDurationException if they have not all completed within {@code timeout}
     * @throws RuntimeException         the exception of the first failed request, in input order
     */
    public List<Object> waitRequests(List<AsyncRequest> requests, Duration timeout) {
        checkRequests(requests);
        long deadline = deadline(timeout);
        List<Object> results = new ArrayList<>(requests.size());
        for (AsyncRequest r : requests) {
            results.add(await(r, deadline, timeout));
        }
        return Collections.unmodifiableList(results);
    }

    public AsyncRequest waitAnyRequest(List<AsyncRequest> requests) {
        return waitAnyRequest(requests, null);
    }

    /**
     * Waits until at least one of {@code requests} has completed and returns the first completed one in input order
     * (whether it succeeded or failed).
     *
     * @throws IllegalArgumentException if {@code requests} is empty
     * @throws RequestDurationException if none completed within {@code timeout}
     */
    public AsyncRequest waitAnyRequest(List<AsyncRequest> requests, Duration timeout) {
        checkRequests(requests);
        if (requests.isEmpty()) {
            throw new IllegalArgumentException("requests must not be empty");
        }
        long deadline = deadline(timeout);
        AsyncRequest done = firstCompleted(requests);
        if (done != null) {
            return done;
        }
        CompletableFuture<?>[] futures = requests.stream().map(r -> r.handle().completion())
                .toArray(CompletableFuture[]::new);
        try {
            getUntil(CompletableFuture.anyOf(futures), deadline);
        } catch (ExecutionException e) {
            // a failed request is a completed one
        } catch (TimeoutException e) {
            throw new RequestDurationException("None of " + requests.size() + " requests completed within "
                    + timeout);
        }
        done = firstCompleted(requests);
        return done != null ? done : requests.stream().filter(r -> r.handle().completion().isDone()).findFirst()
                .orElseThrow();
    }

    private static AsyncRequest firstCompleted(List<AsyncRequest> requests) {
        for (AsyncRequest r : requests) {
            if (r.isCompleted() && r.handle().completion().isDone()) {
                return r;
            }
        }
        return null;
    }

    /**
     * Splits requests into alive and done, as Arctic's {@code filter_finished_requests(requests, do_raise=True)}: if a
     * done request failed, its exception is thrown (the first in input order).
     */
    public RequestSplit filterFinishedRequests(List<AsyncRequest> requests) {
        return filterFinishedRequests(requests, true);
    }

    /** Splits requests into alive and done; with {@code doRaise}, throws the first done request's exception. */
    public RequestSplit filterFinishedRequests(List<AsyncRequest> requests, boolean doRaise) {
        checkRequests(requests);
        List<AsyncRequest> alive = new ArrayList<>();
        List<AsyncRequest> done = new ArrayList<>();
        for (AsyncRequest r : requests) {
            (r.isCompleted() ? done : alive).add(r);
        }
        if (doRaise) {
            raiseFirstErrored(done);
        }
        return new RequestSplit(alive, done);
    }

    /** Throws the exception of the first completed request (in input order) that failed; returns if none did. */
    public void raiseFirstErrored(List<AsyncRequest> requests) {
        checkRequests(requests);
        for (AsyncRequest r : requests) {
            if (r.isCompleted() && r.exception() != null) {
                throw rethrow(r.exception());
            }
        }
    }

    /** The completed requests that failed, in input order. */
    public List<AsyncRequest> filterErrored(List<AsyncRequest> requests) {
        checkRequests(requests);
        return requests.stream().filter(r -> r.isCompleted() && r.exception() != null).toList();
    }

    /** Stops accepting requests; queued and running ones still run. Idempotent. */
    public void shutdown() {
        Runtime rt = runtime;
        if (rt != null) {
            rt.transport.shutdown();
        } else {
            // Never used: nothing to drain, but new submits must still be refused (no pool is created for this).
            runtime().transport.shutdown();
        }
    }

    /** Shuts down, then waits up to {@code timeout} (null = no limit) for pending requests. */
    public void shutdown(Duration timeout) {
        shutdown();
        if (timeout != null) {
            awaitTermination(timeout);
        }
    }

    public void awaitTermination() {
        awaitTermination(null);
    }

    /**
     * Waits until no request is pending.
     *
     * @throws RequestDurationException if requests are still pending after {@code timeout}
     */
    public void awaitTermination(Duration timeout) {
        checkTimeout(timeout);
        runtime().transport.awaitTermination(timeout);
    }

    /** Resets the pool to its default size; see {@link #resetPool(Integer, Duration)}. */
    public void resetPool() {
        resetPool(null, null);
    }

    public void resetPool(Integer poolSize) {
        resetPool(poolSize, null);
    }

    /**
     * Resizes the pool (null = the configured default size) and re-opens it if it was shut down, as Arctic's
     * {@code reset}; queued requests are kept. Waits up to {@code timeout} (null = no limit) until no more than
     * {@code poolSize} requests run.
     *
     * @throws RequestDurationException if more still run after {@code timeout}
     */
    public void resetPool(Integer poolSize, Duration timeout) {
        checkTimeout(timeout);
        Runtime rt = runtime();
        int size = poolSize == null ? rt.defaultPoolSize : poolSize;
        AsyncArcticSettings.checkPoolSize(size, "poolSize");
        rt.transport.resize(size, timeout);
    }

    /** Requests submitted since this instance started (resets do not clear it). */
    public long totalRequests() {
        return runtime().transport.totalRequests();
    }

    /** Requests submitted and not yet completed. */
    public long pendingRequests() {
        return runtime().transport.pendingRequests();
    }

    /** The current pool size. */
    public int poolSize() {
        return runtime().transport.poolSize();
    }

    /**
     * The request with id {@code id}.
     *
     * @throws IllegalArgumentException if this pool knows no such request (unknown, or its result expired)
     */
    public AsyncRequest request(String id) {
        Objects.requireNonNull(id, "id must not be null");
        return runtime().transport.find(id).map(AsyncRequest::new).orElseThrow(() ->
                new IllegalArgumentException("No request with id '" + id + "' (unknown, or its result expired)"));
    }

    /** Shuts down and waits for pending requests, then releases what this instance opened. */
    @Override
    public void close() {
        Runtime rt = runtime;
        if (rt == null) {
            return;
        }
        rt.transport.close();
        rt.closeResources();
    }

    @Override
    public String toString() {
        Runtime rt = runtime;
        return "AsyncArctic[" + (rt == null ? "not started" : rt.transport.getClass().getSimpleName() + " pool="
                + rt.transport.poolSize()) + "]";
    }

    // ---- internals -----------------------------------------------------------------------------------------------

    private Runtime runtime() {
        Runtime rt = runtime;
        if (rt == null) {
            synchronized (this) {
                rt = runtime;
                if (rt == null) {
                    rt = factory.get();
                    runtime = rt;
                }
            }
        }
        return rt;
    }

    private static Runtime fromEnvironment() {
        AsyncArcticSettings settings = AsyncArcticSettings.fromEnvironment();
        log.info("AsyncArctic - configuring ASYNC_ARCTIC from the environment: {}", settings);
        Builder b = builder().poolSize(settings.poolSize());
        if (settings.namespace() != null) {
            b.namespace(settings.namespace());
        }
        if (settings.redisUrl() != null) {
            b.redis(settings.redisUrl());
        }
        if (settings.mongoUrl() != null) {
            b.mongo(settings.mongoUrl());
        } else if (defaultLibraries != null) {
            b.libraries(defaultLibraries);
        }
        return b.runtime();
    }

    private Object await(AsyncRequest request, long deadline, Duration timeout) {
        CompletableFuture<Object> f = request.handle().completion();
        try {
            return getUntil(f, deadline);
        } catch (TimeoutException e) {
            throw new RequestDurationException("Timed out after " + timeout + " waiting for request " + request.id()
                    + " (" + request.operation() + " on " + request.library() + "/" + request.symbol() + ", "
                    + request.state() + "); it keeps running and can be waited on again");
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    private static <T> T getUntil(CompletableFuture<T> f, long deadline) throws ExecutionException,
            TimeoutException {
        try {
            if (deadline == Long.MAX_VALUE) {
                return f.get();
            }
            return f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AsyncArcticException("Interrupted while waiting for a request", e);
        }
    }

    /** The operation's own exception, unchanged when unchecked; a checked one wrapped. */
    private static RuntimeException rethrow(Throwable error) {
        if (error instanceof RuntimeException re) {
            return re;
        }
        if (error instanceof Error err) {
            throw err;
        }
        return new AsyncArcticException("Request failed: " + error, error);
    }

    private static long deadline(Duration timeout) {
        checkTimeout(timeout);
        return timeout == null ? Long.MAX_VALUE : System.nanoTime() + Math.min(timeout.toNanos(), Long.MAX_VALUE / 4);
    }

    private static void checkTimeout(Duration timeout) {
        if (timeout != null && timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
        }
    }

    private static void checkRequests(List<AsyncRequest> requests) {
        Objects.requireNonNull(requests, "requests must not be null");
        for (int i = 0; i < requests.size(); i++) {
            if (requests.get(i) == null) {
                throw new IllegalArgumentException("requests[" + i + "] is null");
            }
        }
    }

    /** What a started instance runs on. */
    private static final class Runtime {
        final Transport transport;
        final int defaultPoolSize;
        final boolean defaultRetry;
        final List<AutoCloseable> resources;

        Runtime(Transport transport, int defaultPoolSize, boolean defaultRetry, List<AutoCloseable> resources) {
            this.transport = transport;
            this.defaultPoolSize = defaultPoolSize;
            this.defaultRetry = defaultRetry;
            this.resources = resources;
        }

        void closeResources() {
            for (AutoCloseable c : resources) {
                try {
                    c.close();
                } catch (Exception e) {
                    log.warn("AsyncArctic - closing {} failed", c, e);
                }
            }
        }
    }

    /** Builds an {@link AsyncArctic}; every setter validates its argument. */
    public static final class Builder {
        private String redisUrl;
        private String mongoUrl;
        private String namespace;
        private int poolSize = AsyncArcticSettings.DEFAULT_POOL_SIZE;
        private boolean mongoRetry;
        private RetryPolicy retryPolicy = RetryPolicy.ARCTIC;
        private Duration resultTtl = LocalTransport.DEFAULT_RESULT_TTL;
        private Function<String, ? extends VersionStore> libraries;
        private boolean pipelinedSubmits;

        private Builder() {
        }

        /**
         * Runs requests on remote workers through Redis Streams ({@code redis://[user:password@]host:port[/db]}, or
         * {@code rediss://} for TLS); the workers resolve libraries with their own MongoDB.
         */
        public Builder redis(String url) {
            this.redisUrl = requireText(url, "redis url");
            return this;
        }

        /** The MongoDB the local pool resolves {@link LibraryRef}s against. */
        public Builder mongo(String url) {
            this.mongoUrl = requireText(url, "mongo url");
            return this;
        }

        /** The Arctic the local pool resolves {@link LibraryRef}s against; its owner closes it. */
        public Builder arctic(Arctic arctic) {
            Objects.requireNonNull(arctic, "arctic");
            return libraries(arctic::getLibrary);
        }

        /**
         * Supplies, at the first {@link LibraryRef} to resolve, the Arctic the local pool uses (e.g. an embedded
         * MongoDB started on demand); its owner closes it.
         */
        public Builder arcticSupplier(Supplier<Arctic> supplier) {
            Objects.requireNonNull(supplier, "arcticSupplier");
            return libraries(MongoLibraries.of(supplier));
        }

        /** How the local pool resolves a {@link LibraryRef} name to a store, e.g. {@code arctic::getLibrary}. */
        public Builder libraries(Function<String, ? extends VersionStore> libraries) {
            this.libraries = Objects.requireNonNull(libraries, "libraries");
            return this;
        }

        /** Separates pools sharing one Redis; also names the local pool's threads. */
        public Builder namespace(String namespace) {
            AsyncArcticSettings.checkNamespace(requireText(namespace, "namespace"));
            this.namespace = namespace;
            return this;
        }

        /** How many requests may run at once (default 4); also the size {@code resetPool(null)} returns to. */
        public Builder poolSize(int poolSize) {
            AsyncArcticSettings.checkPoolSize(poolSize, "poolSize");
            this.poolSize = poolSize;
            return this;
        }

        /** Whether requests retry transient MongoDB errors unless they say otherwise ({@code mongo_retry}). */
        public Builder mongoRetry(boolean mongoRetry) {
            this.mongoRetry = mongoRetry;
            return this;
        }

        /**
         * How {@code mongo_retry} retries: at most {@code maxRetries} retries, the first after {@code initialBackoff},
         * each pause {@code multiplier} times the last, capped at {@code maxBackoff}. Default: Arctic's (15, 30 ms, 3,
         * 500 ms).
         */
        public Builder retryBackoff(int maxRetries, Duration initialBackoff, double multiplier, Duration maxBackoff) {
            this.retryPolicy = new RetryPolicy(maxRetries, initialBackoff, multiplier, maxBackoff);
            return this;
        }

        /** How long a finished request stays findable with {@link AsyncArctic#request(String)} (default 1 h). */
        public Builder resultTtl(Duration ttl) {
            this.resultTtl = Durations.requirePositive(ttl, "resultTtl");
            return this;
        }

        /**
         * With {@link #redis}: whether {@code submit} returns before Redis has acknowledged the request (default
         * false). Pipelined submits are batched by a sender thread and reach several times the throughput, but a
         * cluster-wide shutdown or a Redis unreachable for 10 s then fails the request (its wait throws) instead of
         * throwing from {@code submit}, and a request submitted just before this JVM dies may never reach Redis. The
         * local pool always runs submits at once, so this changes nothing there.
         */
        public Builder pipelinedSubmits(boolean pipelined) {
            this.pipelinedSubmits = pipelined;
            return this;
        }

        /**
         * The instance.
         *
         * @throws IllegalArgumentException if the Redis URL is malformed
         */
        public AsyncArctic build() {
            return new AsyncArctic(runtime());
        }

        private Runtime runtime() {
            if (redisUrl != null) {
                // Remote workers run the requests and resolve libraries with their own MongoDB: mongo(...) and
                // libraries(...) do not apply, and a VersionStore argument only names its library.
                RedisStreamsTransport transport = RedisStreamsTransport.builder()
                        .url(redisUrl)
                        .namespace(namespace == null ? RedisStreamsTransport.DEFAULT_NAMESPACE : namespace)
                        .defaultPoolSize(poolSize)
                        .resultTtl(resultTtl)
                        .pipelinedSubmits(pipelinedSubmits)
                        .build();
                return new Runtime(transport, poolSize, mongoRetry, new ArrayList<>());
            }
            List<AutoCloseable> resources = new ArrayList<>();
            StoreResolver resolver = null;
            Function<String, ? extends VersionStore> source = libraries;
            if (source == null && mongoUrl != null) {
                source = MongoLibraries.connect(mongoUrl, resources);
            }
            if (source != null) {
                Map<String, VersionStore> cache = new ConcurrentHashMap<>();
                Function<String, ? extends VersionStore> lookup = source;
                resolver = name -> cache.computeIfAbsent(name, lookup);
            }
            LocalTransport transport = LocalTransport.builder()
                    .poolSize(poolSize)
                    .executor(new OperationExecutor(retryPolicy))
                    .libraries(resolver)
                    .resultTtl(resultTtl)
                    .threadNamePrefix(namespace == null ? LocalTransport.THREAD_NAME_PREFIX
                            : LocalTransport.THREAD_NAME_PREFIX + "-" + namespace)
                    .build();
            return new Runtime(transport, poolSize, mongoRetry, resources);
        }

        private static String requireText(String value, String what) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(what + " must not be null or blank");
            }
            return value;
        }
    }
}
