package io.github.arcticasync.internal.transport.redis;

import io.github.arcticasync.asynchronous.AsyncArcticException;
import io.github.arcticasync.asynchronous.RequestDurationException;
import io.github.arcticasync.internal.cluster.Keys;
import io.github.arcticasync.internal.cluster.PoolRecord;
import io.github.arcticasync.internal.cluster.PoolState;
import io.github.arcticasync.internal.cluster.StatCounter;
import io.github.arcticasync.internal.execution.OperationCall;
import io.github.arcticasync.internal.execution.OperationRegistry;
import io.github.arcticasync.internal.protocol.EnvelopeCodec;
import io.github.arcticasync.internal.transport.Counts;
import io.github.arcticasync.internal.transport.Deadline;
import io.github.arcticasync.internal.transport.Durations;
import io.github.arcticasync.internal.transport.RequestHandle;
import io.github.arcticasync.internal.transport.Transport;
import io.github.arcticasync.store.VersionStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisConnectionException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The client side of the Redis Streams transport. {@link #submit} XADDs the request onto the stream of its partition
 * ({@link Keys#partitionOf}) through {@link StreamScripts#SUBMIT}, which refuses a closed pool and enqueues a request
 * id at most once, so a submit retried after a connection blip cannot run twice. Workers (module {@code worker}) run
 * it; the {@link ResultWaiter} completes it from this client's reply stream with one blocking connection.
 *
 * <p>Pool control is cluster-wide ({@link #resize}: the pool size is the cluster's budget) while {@link #shutdown} and
 * {@link #awaitTermination} are local to this client: it stops submitting and waits for its own requests, as
 * docs/cluster.md describes. {@link #totalRequests} is the cluster's {@code submitted} counter.
 */
public final class RedisStreamsTransport implements Transport {
    private static final Logger log = LoggerFactory.getLogger(RedisStreamsTransport.class);
    /** The namespace when none is configured. */
    public static final String DEFAULT_NAMESPACE = "default";
    /** How long results stay readable, and requests findable by id, unless configured. */
    public static final Duration DEFAULT_RESULT_TTL = Duration.ofHours(1);
    /** Pooled connections of one client (submits, control); the dispatcher has one more of its own. */
    public static final int DEFAULT_MAX_CONNECTIONS = 8;
    /** How long a submit keeps retrying through a lost connection (a Redis restart) before it fails. */
    public static final Duration SUBMIT_RETRY_BUDGET = Duration.ofSeconds(10);
    /** How often resize re-reads worker capacities while it waits for the cluster to shrink. */
    private static final Duration RESIZE_RECHECK = Duration.ofMillis(100);
    /**
     * How long close() waits for this client's pending requests. They are durable in Redis and run on the workers
     * whether or not this client waits, so close() must not hang on a request no worker serves yet.
     */
    static final Duration CLOSE_GRACE = Duration.ofSeconds(10);
    /**
     * The largest value handed to a Lua script: Redis's Lua hashes every byte of a string argument (about 0.4 ms of
     * Redis's one thread for 256 KiB), a plain SET does not. Results up to this size go through the complete script
     * and travel in the reply notice itself; larger ones are staged with a plain SET, moved into place by the script,
     * and the waiter GETs them. Request envelopes above it are staged the same way by the submitter, and read by the
     * worker with a GET.
     */
    public static final int LUA_VALUE_LIMIT = 16 * 1024;

    private final RedisConnections connections;
    private final PoolControl control;
    private final Keys keys;
    private final EnvelopeCodec codec;
    private final Clock clock;
    private final Duration resultTtl;
    private final String clientId;
    private final ResultWaiter waiter;
    private final SubmitBatcher submits;
    private final boolean pipelinedSubmits;
    /**
     * Requests submitted here and not yet completed. A completed one is dropped at once: its result lives in Redis
     * until it expires, so {@link #find} rebuilds it from there, and holding every decoded result for the whole TTL
     * would grow this client's heap with its request rate.
     */
    private final Map<String, RedisRequest> own = new ConcurrentHashMap<>();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition progress = lock.newCondition();
    private volatile boolean shutdown;
    /** Requests submitted here and not yet completed; counted before the shutdown check, so none slips past it. */
    private final AtomicLong pending = new AtomicLong();

    private RedisStreamsTransport(Builder b) {
        this.clock = b.clock;
        this.resultTtl = b.resultTtl;
        this.codec = b.codec != null ? b.codec
                : EnvelopeCodec.builder().operations(name -> b.registry.find(name).isPresent()).build();
        this.clientId = b.clientId != null ? b.clientId : "c" + UUID.randomUUID().toString().replace("-", "");
        this.pipelinedSubmits = b.pipelinedSubmits;
        this.connections = new RedisConnections(b.url, "aa-client-" + clientId, b.maxConnections);
        try {
            this.control = new PoolControl(connections, b.namespace);
            PoolRecord pool = control.ensurePool(b.defaultPoolSize, Keys.DEFAULT_PARTITIONS);
            this.keys = Keys.of(b.namespace, pool.partitions());
            String reply = DataPlaneKeys.replyStream(keys, clientId);
            this.submits = new SubmitBatcher(connections, SUBMIT_RETRY_BUDGET, DataPlaneKeys.bytes(reply),
                    resultTtl.toMillis());
            this.waiter = new ResultWaiter(connections, keys, reply, codec, resultTtl, clock,
                    "arctic-async-results-" + b.namespace);
            waiter.start();
        } catch (JedisConnectionException e) {
            connections.close();
            throw new AsyncArcticException("Cannot connect to Redis at " + b.url + ": " + e.getMessage(), e);
        } catch (redis.clients.jedis.exceptions.JedisDataException e) {
            connections.close();
            String m = String.valueOf(e.getMessage());
            if (e instanceof redis.clients.jedis.exceptions.JedisAccessControlException || m.startsWith("NOAUTH")
                    || m.startsWith("WRONGPASS") || m.startsWith("NOPERM")) {
                // A wrong or missing password is a configuration error of this client: say so, typed.
                throw new AsyncArcticException("Redis at " + b.url + " refused this client's credentials: " + m, e);
            }
            throw e;
        } catch (RuntimeException e) {
            connections.close();
            throw e;
        }
        log.info("Redis transport {} - client {} on namespace {} ({} partitions)", b.url, clientId, b.namespace,
                keys.partitions());
        EvictionPolicy.warnIfEvicting(connections, log);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The key layout this client uses. */
    public Keys keys() {
        return keys;
    }

    @Override
    public RequestHandle submit(OperationCall call, VersionStore store) {
        Objects.requireNonNull(call, "call");
        int p = keys.partitionOf(call.library(), call.symbol());
        String id = RequestIds.newId(p);
        Instant now = clock.instant();
        byte[] envelope = codec.encodeRequest(CallEnvelopes.toEnvelope(id, call, now));
        RedisRequest request = new RedisRequest(id, p, call.library(), call.symbol(), call.operation().name(),
                call.kind(), now, false);
        pending.incrementAndGet();
        if (shutdown) {
            finished();
            throw new AsyncArcticException("AsyncArctic has been shutdown and can no longer accept new requests.");
        }
        waiter.expect(request);
        if (pipelinedSubmits) {
            return submitPipelined(request, envelope);
        }
        long result;
        try {
            result = submits.submit(id, submitKeys(p, id), envelope);
        } catch (RuntimeException e) {
            unsubmitted(id);
            throw e;
        }
        if (result == StreamScripts.SUBMIT_CLOSED) {
            unsubmitted(id);
            throw closedPool();
        }
        track(request);
        return request;
    }

    private RequestHandle submitPipelined(RedisRequest request, byte[] envelope) {
        String id = request.id();
        track(request);
        try {
            submits.submitPipelined(id, submitKeys(request.partition(), id), envelope, new SubmitBatcher.Outcome() {
                @Override
                public void status(long status) {
                    if (status == StreamScripts.SUBMIT_CLOSED) {
                        refused(request, closedPool());
                    }
                }

                @Override
                public void failed(AsyncArcticException error) {
                    refused(request, error); // already typed and naming the request (SubmitBatcher)
                }
            });
        } catch (RuntimeException e) {
            unsubmitted(id);
            throw e;
        }
        return request;
    }

    /** Undoes the bookkeeping of a submit that threw: nothing waits for, tracks or counts request {@code id}. */
    private void unsubmitted(String id) {
        waiter.forget(id);
        own.remove(id);
        finished();
    }

    /** A pipelined submit that Redis refused or never got: its request fails with the reason. */
    private void refused(RedisRequest request, RuntimeException reason) {
        waiter.forget(request.id());
        request.fail(reason, clock.instant());
    }

    private AsyncArcticException closedPool() {
        return new AsyncArcticException("The pool of namespace " + keys.namespace() + " has been shut down and "
                + "accepts no new requests (reopen it with resetPool)");
    }

    /** Keeps a submitted request findable by id, and counts it pending, until it completes. */
    private void track(RedisRequest request) {
        String id = request.id();
        own.put(id, request);
        request.onComplete(r -> {
            own.remove(id);
            finished();
        });
    }

    /** The {@link StreamScripts#SUBMIT} keys of request {@code id} on partition {@code p}. */
    private List<byte[]> submitKeys(int p, String id) {
        return List.of(
                DataPlaneKeys.bytes(keys.closed(p)),
                DataPlaneKeys.bytes(DataPlaneKeys.submitMarker(keys, p, id)),
                DataPlaneKeys.bytes(keys.result(p, id)),
                DataPlaneKeys.bytes(keys.requestStream(p)),
                DataPlaneKeys.bytes(keys.stats(p)),
                DataPlaneKeys.bytes(DataPlaneKeys.stagedEnvelope(keys, p, id)));
    }

    private void finished() {
        if (pending.decrementAndGet() == 0) {
            lock.lock();
            try {
                progress.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public Optional<RequestHandle> find(String id) {
        Objects.requireNonNull(id, "id must not be null");
        RedisRequest mine = own.get(id);
        if (mine != null) {
            return Optional.of(mine);
        }
        RedisRequest watched = waiter.waitingFor(id);
        if (watched != null) {
            return Optional.of(watched);
        }
        OptionalInt partition = RequestIds.partitionOf(id, keys.partitions());
        if (partition.isEmpty()) {
            return Optional.empty();
        }
        int p = partition.getAsInt();
        // The marker first: it is deleted in the same step as the result is written, so if it is gone the result is
        // there (or the request is unknown / expired).
        boolean[] known = new boolean[1];
        byte[] result = connections.with(jedis -> {
            Pipeline pipe = jedis.pipelined();
            Response<Boolean> marker = pipe.exists(DataPlaneKeys.bytes(DataPlaneKeys.submitMarker(keys, p, id)));
            Response<byte[]> res = pipe.get(DataPlaneKeys.bytes(keys.result(p, id)));
            pipe.sync();
            known[0] = marker.get();
            return res.get();
        });
        if (result == null && !known[0]) {
            return Optional.empty();
        }
        RedisRequest foreign = new RedisRequest(id, p, null, null, null, null, clock.instant(), true);
        if (result != null) {
            foreign.complete(codec.decodeResult(result));
            return Optional.of(foreign);
        }
        return Optional.of(waiter.watch(foreign));
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public void awaitTermination(Duration timeout) {
        Deadline deadline = Deadline.after(timeout);
        lock.lock();
        try {
            while (pending.get() > 0) {
                if (!deadline.await(progress, "requests")) {
                    throw new RequestDurationException(pending.get() + " requests still pending after waiting "
                            + timeout);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sets the cluster-wide pool size (and reopens a pool that was shut down, here and cluster-wide), then waits until
     * the live workers' reported capacity — an upper bound on what runs — is at most {@code poolSize}. The leader
     * applies the size on its next tick; without a coordinator running, the wait lasts until the timeout.
     */
    @Override
    public void resize(int poolSize, Duration timeout) {
        PoolRecord.requireSize(poolSize);
        Deadline deadline = Deadline.after(timeout);
        shutdown = false;
        if (control.pool().state() != PoolState.RUNNING) {
            control.reopen(keys);
        }
        control.resize(poolSize);
        while (true) {
            int capacity = control.liveCapacity();
            if (capacity <= poolSize) {
                return;
            }
            long left = deadline.remainingNanos();
            if (left <= 0) {
                throw new RequestDurationException("Pool resized to " + poolSize + " but workers still report "
                        + "capacity " + capacity + " after waiting " + timeout);
            }
            sleep(Math.min(TimeUnit.NANOSECONDS.toMillis(left) + 1, RESIZE_RECHECK.toMillis()));
        }
    }

    @Override
    public int poolSize() {
        return control.pool().size();
    }

    @Override
    public long totalRequests() {
        return control.counter(keys, StatCounter.SUBMITTED);
    }

    @Override
    public long pendingRequests() {
        return pending.get();
    }

    @Override
    public void close() {
        shutdown();
        try {
            awaitTermination(CLOSE_GRACE);
        } catch (RequestDurationException e) {
            log.warn("Redis transport {} - closing with {} requests still pending; they stay queued in Redis and "
                    + "run on the workers, and their results can be awaited by id from another client",
                    clientId, pendingRequests());
        } finally {
            submits.close();
            waiter.close();
            connections.close();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AsyncArcticException("Interrupted", e);
        }
    }

    @Override
    public String toString() {
        return "RedisStreamsTransport[" + connections.url() + " " + keys + " client=" + clientId + "]";
    }

    /** Builds a {@link RedisStreamsTransport}; every setter validates its argument. */
    public static final class Builder {
        private RedisUrl url;
        private String namespace = DEFAULT_NAMESPACE;
        private int defaultPoolSize = PoolRecord.DEFAULT_SIZE;
        private Duration resultTtl = DEFAULT_RESULT_TTL;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private OperationRegistry registry = OperationRegistry.standard();
        private EnvelopeCodec codec;
        private Clock clock = Clock.systemUTC();
        private String clientId;
        private boolean pipelinedSubmits;

        private Builder() {
        }

        /**
         * Whether {@code submit} returns before Redis has acknowledged the request (default false). Acknowledged: a
         * submit returns once the request is in its stream, and a refused submit (pool shut down cluster-wide) or a
         * Redis unreachable for the whole retry budget throws from {@code submit}. Pipelined: a submit returns once the
         * request is queued in this client; a sender thread enqueues batches of them, and a refusal or an unreachable
         * Redis fails the request instead (its wait throws the same {@link AsyncArcticException}). Pipelined submits
         * from one thread batch, so they reach several times the throughput; a request submitted in the last
         * milliseconds before this JVM dies may never reach Redis.
         */
        public Builder pipelinedSubmits(boolean pipelined) {
            this.pipelinedSubmits = pipelined;
            return this;
        }

        /** The Redis URL ({@code redis://}, {@code rediss://}, with optional user, password and db). */
        public Builder url(String url) {
            this.url = RedisUrl.parse(url);
            return this;
        }

        public Builder namespace(String namespace) {
            this.namespace = Keys.requireNamespace(namespace);
            return this;
        }

        /** The pool size written when this client creates the namespace's pool record (an existing one is kept). */
        public Builder defaultPoolSize(int size) {
            this.defaultPoolSize = PoolRecord.requireSize(size);
            return this;
        }

        public Builder resultTtl(Duration ttl) {
            this.resultTtl = Durations.requirePositive(ttl, "resultTtl");
            return this;
        }

        public Builder maxConnections(int n) {
            this.maxConnections = Counts.requirePositive(n, "maxConnections");
            return this;
        }

        public Builder registry(OperationRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        public Builder codec(EnvelopeCodec codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** This client's id (names its reply stream); default a random one. */
        public Builder clientId(String clientId) {
            this.clientId = Keys.requireWorkerId(clientId);
            return this;
        }

        /**
         * Connects and starts the result dispatcher.
         *
         * @throws IllegalStateException if no URL was given
         */
        public RedisStreamsTransport build() {
            if (url == null) {
                throw new IllegalStateException("a Redis URL is required");
            }
            return new RedisStreamsTransport(this);
        }
    }
}
