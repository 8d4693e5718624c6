package io.github.arcticasync.worker;

import io.github.arcticasync.internal.cluster.Assignment;
import io.github.arcticasync.internal.cluster.Keys;
import io.github.arcticasync.internal.cluster.PoolRecord;
import io.github.arcticasync.internal.cluster.PoolState;
import io.github.arcticasync.internal.cluster.StatCounter;
import io.github.arcticasync.internal.cluster.WorkerLease;
import io.github.arcticasync.internal.execution.OperationCall;
import io.github.arcticasync.internal.execution.OperationExecutor;
import io.github.arcticasync.internal.execution.OperationRegistry;
import io.github.arcticasync.internal.execution.Outcome;
import io.github.arcticasync.internal.execution.StoreResolver;
import io.github.arcticasync.internal.execution.SymbolGate;
import io.github.arcticasync.internal.protocol.EnvelopeCodec;
import io.github.arcticasync.internal.protocol.RequestEnvelope;
import io.github.arcticasync.internal.protocol.ResultEnvelope;
import io.github.arcticasync.internal.transport.RetryLog;
import io.github.arcticasync.internal.transport.redis.CallEnvelopes;
import io.github.arcticasync.internal.transport.redis.DataPlaneKeys;
import io.github.arcticasync.internal.transport.redis.EvictionPolicy;
import io.github.arcticasync.internal.transport.redis.PoolControl;
import io.github.arcticasync.internal.transport.redis.RedisConnections;
import io.github.arcticasync.internal.transport.redis.RedisUrl;
import io.github.arcticasync.internal.transport.redis.StreamEntry;
import io.github.arcticasync.internal.transport.redis.StreamScripts;
import io.github.arcticasync.store.Arctic;
import io.github.arcticasync.store.VersionStore;
import io.github.arcticasync.worker.internal.AssignmentWatcher;
import io.github.arcticasync.worker.internal.DeadLetters;
import io.github.arcticasync.worker.internal.ExecutorResizer;
import io.github.arcticasync.worker.internal.PartitionConsumer;
import io.github.arcticasync.worker.internal.PartitionState;
import io.github.arcticasync.worker.internal.PrefetchWindow;
import io.github.arcticasync.worker.internal.ResultPoster;
import io.github.arcticasync.worker.internal.StaleWorkReclaimer;
import io.github.arcticasync.worker.internal.Task;
import io.github.arcticasync.worker.internal.WorkerHeartbeat;
import io.github.arcticasync.worker.internal.WorkerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.exceptions.JedisConnectionException;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A worker of a Redis-backed pool. It registers with a lease, applies the assignments the leading coordinator writes
 * (threads and partitions), takes ownership of its partitions, reclaims their pending entries, reads new ones, runs
 * each through the same {@link OperationExecutor} and {@link SymbolGate} as the local pool — so Arctic's clash rule
 * and per-symbol submit order hold across the cluster — and writes the result, then acks, fenced by ownership.
 *
 * <p>{@link #start} starts it; {@link #drain()} leaves cleanly (stop fetching, finish what it took, release its
 * partitions, deregister); {@link #close()} drains and frees resources.
 */
public final class Worker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Worker.class);
    /**
     * Heartbeats after which an entry pending for this worker that it does not hold is taken again (see
     * {@link PartitionConsumer}); long enough that a lost reply is normally recovered by the reconnect first.
     */
    static final int STRAY_HEARTBEATS = 20;

    private final WorkerConfig config;
    private final RedisConnections connections;
    private final Keys keys;
    private final OperationRegistry registry;
    private final OperationExecutor executor;
    private final StoreResolver libraries;
    private final AutoCloseable librariesOwner;
    private final EnvelopeCodec codec;
    private final SymbolGate<Task> gate = new SymbolGate<>();
    private final ExecutorResizer threads;
    private final Map<Integer, PartitionState> owned = new ConcurrentHashMap<>();
    private final Set<Integer> assigned = ConcurrentHashMap.newKeySet();
    /**
     * Entries taken and not yet finished, as partition/entry id: how many this worker holds (its prefetch window),
     * what a recovery or a reclaim must not take twice, and what keeps a partition from being released.
     */
    private final Set<String> taken = ConcurrentHashMap.newKeySet();
    /** How many entries beyond its threads this worker holds, so threads never wait for a round trip. */
    private final PrefetchWindow prefetch = new PrefetchWindow();
    private final WorkerMetrics metrics;
    private final WorkerHeartbeat heartbeat;
    private final AssignmentWatcher watcher;
    private final StaleWorkReclaimer reclaimer;
    private final ResultPoster poster;
    private final DeadLetters deadLetters;
    private final PartitionConsumer consumer;
    private final ScheduledExecutorService scheduler;
    private final CountDownLatch terminated = new CountDownLatch(1);
    private final RetryLog heartbeatRetries;
    private volatile boolean draining;
    private volatile boolean closed;

    private Worker(WorkerConfig config, StoreResolver libraries, AutoCloseable librariesOwner,
                   OperationRegistry registry, MeterRegistry meters) {
        this.config = config;
        this.registry = registry;
        this.libraries = libraries;
        this.librariesOwner = librariesOwner;
        this.executor = new OperationExecutor();
        this.codec = EnvelopeCodec.builder().operations(name -> registry.find(name).isPresent()).build();
        this.connections = new RedisConnections(RedisUrl.parse(config.redisUrl()), "aa-worker-" + config.workerId(),
                4);
        PoolRecord pool = new PoolControl(connections, config.namespace()).ensurePool(PoolRecord.DEFAULT_SIZE,
                Keys.DEFAULT_PARTITIONS);
        this.keys = Keys.of(config.namespace(), pool.partitions());
        this.threads = new ExecutorResizer("AsyncArcticWorker-" + config.workerId());
        threads.setLimit(0);
        this.metrics = new WorkerMetrics(meters, config.namespace(), config.workerId(), threads::running,
                threads::limit, () -> prefetch.beyond(threads.limit()));
        this.heartbeat = new WorkerHeartbeat(connections, keys, config.workerId(), hostName(), config.maxThreads(),
                config.lease());
        // The heartbeat runs as much of the worker's own logic as the coordinator's tick: a failure may be a bug.
        this.heartbeatRetries = new RetryLog(log, config.workerId() + " - heartbeat", true);
        this.watcher = new AssignmentWatcher(connections, keys, config.workerId());
        this.reclaimer = new StaleWorkReclaimer(connections, keys, config.workerId(), metrics);
        this.poster = new ResultPoster(connections, keys, config.workerId(), config.resultTtl(), metrics,
                this::posted);
        this.deadLetters = new DeadLetters(connections, keys, config.workerId(), codec, poster, metrics);
        this.consumer = new PartitionConsumer(connections, keys, config.workerId(), owned, this::room, this::accept,
                this::recoverOwnPending, this::recreateGroup, (p, entryId) -> taken.contains(takenKey(p, entryId)),
                config.heartbeatInterval().multipliedBy(STRAY_HEARTBEATS));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "arctic-async-heartbeat-" + config.workerId());
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts a worker resolving libraries with an Arctic on {@code config.mongoUrl()}. */
    public static Worker start(WorkerConfig config) {
        return start(config, null, OperationRegistry.standard(), null);
    }

    /**
     * Starts a worker.
     *
     * @param libraries resolves library names; null = connect to {@code config.mongoUrl()}
     * @param registry  the operations it may run (the clients' registry)
     * @param meters    where to register meters, or null for none
     */
    public static Worker start(WorkerConfig config, StoreResolver libraries, OperationRegistry registry,
                               MeterRegistry meters) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(registry, "registry");
        StoreResolver resolver = libraries;
        AutoCloseable owner = null;
        if (resolver == null) {
            if (config.mongoUrl() == null) {
                throw new IllegalArgumentException("a worker needs a MongoDB URL (mongoUrl) or a library resolver");
            }
            Arctic arctic = Arctic.connect(config.mongoUrl());
            Map<String, VersionStore> cache = new ConcurrentHashMap<>();
            resolver = name -> cache.computeIfAbsent(name, arctic::getLibrary);
            owner = arctic;
        }
        Worker worker = new Worker(config, resolver, owner, registry, meters);
        worker.heartbeat.register();
        log.info("{} - started: {}", config.workerId(), config);
        EvictionPolicy.warnIfEvicting(worker.connections, log);
        worker.consumer.start();
        worker.scheduler.scheduleWithFixedDelay(worker::tick, 0, config.heartbeatInterval().toMillis(),
                TimeUnit.MILLISECONDS);
        return worker;
    }

    public String id() {
        return config.workerId();
    }

    public Keys keys() {
        return keys;
    }

    /** Partitions this worker owns now. */
    public Set<Integer> ownedPartitions() {
        return Set.copyOf(owned.keySet());
    }

    /** Requests executing now. */
    public int running() {
        return threads.running();
    }

    /** The most requests this worker may run at once now: the thread allotment it applied (0 before any). */
    public int threadLimit() {
        return threads.limit();
    }

    /** Whether this worker has stopped (drained, closed or halted). */
    public boolean isTerminated() {
        return terminated.getCount() == 0;
    }

    /** Blocks until the pool is terminated (the worker then drains) or the worker is closed. */
    public void awaitTermination() throws InterruptedException {
        terminated.await();
    }

    private int room() {
        if (draining || threads.limit() == 0) {
            return 0;
        }
        int held = taken.size();
        int beyond = prefetch.beyond(threads.limit());
        int free = threads.limit() + beyond - held;
        // Refill in batches while work is in hand: one XREADGROUP over every owned stream costs Redis about as much
        // for one entry as for ten. Waiting for half the prefetch to drain still leaves every thread something queued.
        return held == 0 || free >= beyond / 2 ? free : 0;
    }

    // ---- taking requests ------------------------------------------------------------------------------------------

    /** An entry read from partition {@code p} for this worker. */
    private void accept(int p, StreamEntry entry) {
        if (taken.add(takenKey(p, entry.id()))) {
            handle(p, entry, 1);
        }
    }

    /**
     * An entry pending for this worker, seen after a lost connection or found idle and not held: one it holds already
     * is skipped; one a lost reply never brought (or one given back) is taken now, as a redelivery (so it runs only if
     * no result exists yet).
     */
    private void recoverOwnPending(int p, StreamEntry entry) {
        if (!owned.containsKey(p) || !taken.add(takenKey(p, entry.id()))) {
            return;
        }
        log.info("{} - entry {} of partition {} is pending for this worker but was not held (a reply lost with the "
                + "connection, or given back); taking it now", id(), entry.id(), p);
        handle(p, entry, 2);
    }

    private static String takenKey(int p, String entryId) {
        return p + "/" + entryId;
    }

    /** Whether this worker holds an entry of partition {@code p} (taken, result not yet posted). */
    private boolean holdsAny(int p) {
        String prefix = p + "/";
        for (String key : taken) {
            if (key.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private void handle(int p, StreamEntry entry, int deliveries) {
        String requestId = entry.text(DataPlaneKeys.ID);
        if (deliveries > config.maxDeliveries()) {
            deadLetter(p, entry, "delivered " + deliveries + " times without completing (limit "
                    + config.maxDeliveries() + ")", deliveries);
            return;
        }
        byte[] env;
        try {
            env = envelopeOf(entry);
        } catch (JedisConnectionException e) {
            // Not ours to judge: give the entry back to the pending list; the consumer takes it again (after its
            // reconnect, or as a stray).
            finishedEntry(p, entry.id());
            throw e;
        }
        if (requestId != null && env == null && entry.text(DataPlaneKeys.ENVELOPE_KEY) != null) {
            deadLetter(p, entry, "its staged envelope " + entry.text(DataPlaneKeys.ENVELOPE_KEY)
                    + " is gone (expired before the request ran?)", deliveries);
            return;
        }
        if (requestId == null || env == null) {
            deadLetter(p, entry, "entry lacks the '" + DataPlaneKeys.ID + "' or '" + DataPlaneKeys.ENVELOPE
                    + "' field", deliveries);
            return;
        }
        OperationCall call;
        try {
            RequestEnvelope envelope = codec.decodeRequest(env);
            if (!envelope.requestId().equals(requestId)) {
                throw new IllegalArgumentException("envelope id " + envelope.requestId() + " differs from entry id");
            }
            call = CallEnvelopes.toCall(envelope, registry);
        } catch (RuntimeException e) {
            deadLetter(p, entry, "undecodable request: " + e, deliveries);
            return;
        }
        Task task = new Task(p, entry.id(), requestId, entry.text(DataPlaneKeys.REPLY), call, deliveries);
        if (gate.enter(call.key(), call.kind(), task)) {
            threads.execute(() -> run(task));
        }
    }

    /** The request envelope an entry carries, or reads from the key it names (large envelopes are staged). */
    private byte[] envelopeOf(StreamEntry entry) {
        byte[] env = entry.fields().get(DataPlaneKeys.ENVELOPE);
        String key = entry.text(DataPlaneKeys.ENVELOPE_KEY);
        if (env != null || key == null) {
            return env;
        }
        return connections.with(j -> j.get(DataPlaneKeys.bytes(key)));
    }

    private void deadLetter(int p, StreamEntry entry, String reason, int deliveries) {
        boolean posted;
        try {
            posted = deadLetters.deadLetter(p, entry, reason, deliveries);
        } catch (RuntimeException e) {
            log.warn("{} - dead-lettering entry {} failed; it stays pending: {}", id(), entry.id(), e.toString());
            posted = false;
        }
        if (!posted) {
            finishedEntry(p, entry.id());
        }
    }

    private void run(Task task) {
        byte[] result;
        boolean success;
        if (task.deliveries() > 1 && resultExists(task)) {
            result = new byte[0]; // an earlier delivery completed it; the complete script only acks
            success = true;
        } else {
            Instant start = Instant.now();
            long startNanos = System.nanoTime();
            Outcome outcome = executor.execute(task.call(), libraries);
            Instant end = Instant.now();
            success = outcome.succeeded();
            ResultEnvelope envelope = success
                    ? ResultEnvelope.success(task.requestId(), outcome.value(), start, end, id())
                    : ResultEnvelope.failure(task.requestId(), outcome.error(), start, end, id());
            try {
                result = codec.encodeResult(envelope);
            } catch (RuntimeException e) {
                success = false;
                result = codec.encodeResult(ResultEnvelope.failure(task.requestId(), e, start, end, id()));
            }
            prefetch.ran(System.nanoTime() - startNanos); // what this thread spends per request: run and encode
        }
        List<Task> released = gate.leave(task.call().key(), task.call().kind());
        ResultPoster.Posting posting = new ResultPoster.Posting(task, result,
                success ? StatCounter.COMPLETED : StatCounter.FAILED);
        if (released.isEmpty() && !threads.hasQueued()) {
            poster.postHere(posting); // nothing waits for this thread: save the poster's wake-up
        } else {
            poster.post(posting);
        }
        for (Task next : released) {
            threads.execute(() -> run(next));
        }
    }

    private boolean resultExists(Task task) {
        try {
            return connections.with(j -> j.exists(keys.result(task.partition(), task.requestId())));
        } catch (RuntimeException e) {
            return false; // run it; the complete script will not write a second result anyway
        }
    }

    private void posted(ResultPoster.Posting posting) {
        finishedEntry(posting.task().partition(), posting.task().entryId());
    }

    private void finishedEntry(int p, String entryId) {
        taken.remove(takenKey(p, entryId));
        consumer.wake();
    }

    private void recreateGroup(int p) {
        log.warn("{} - the consumer group of partition {} is gone (Redis lost its data?); creating it again", id(), p);
        reclaimer.take(p);
    }

    // ---- heartbeat and assignments ----------------------------------------------------------------------------------

    private void tick() {
        if (closed) {
            return;
        }
        try {
            beat();
            heartbeatRetries.succeeded();
        } catch (RuntimeException e) {
            heartbeatRetries.failed(e, "retrying next heartbeat");
        }
    }

    /** Renews the lease, applies a newer assignment, takes and releases partitions, trims. */
    private void beat() {
        Assignment applied = watcher.applied();
        int capacity = Math.max(threads.limit(), threads.running());
        WorkerLease.Status status = draining ? WorkerLease.Status.DRAINING : WorkerLease.Status.RUNNING;
        boolean alive = heartbeat.renew(capacity, status, applied == null ? 0 : applied.epoch(),
                applied == null ? 0 : applied.version());
        if (!alive) {
            leaseLost();
            return;
        }
        AssignmentWatcher.Reading reading = watcher.read();
        if (!draining && reading.newer().isPresent()) {
            apply(reading.newer().get());
        }
        if (reading.pool().isPresent() && reading.pool().get().state() == PoolState.TERMINATED && !draining) {
            log.info("{} - pool {} terminated: draining", id(), keys.namespace());
            Thread t = new Thread(this::drainAndSignal, "arctic-async-drain-" + id());
            t.setDaemon(true);
            t.start();
        }
        takeAssigned();
        releaseLost();
        trim();
    }

    private void apply(Assignment assignment) {
        threads.setLimit(draining ? 0 : Math.min(assignment.threads(), config.maxThreads()));
        Set<Integer> wanted = new HashSet<>(assignment.partitions());
        assigned.retainAll(wanted);
        assigned.addAll(wanted);
        for (PartitionState s : owned.values()) {
            if (!wanted.contains(s.partition())) {
                s.fetching(false); // lost: stop at once; released when what it took is done
            }
        }
        watcher.applied(assignment);
        log.info("{} - applied assignment epoch {} version {}: {} threads, partitions {}", id(), assignment.epoch(),
                assignment.version(), assignment.threads(), Assignment.formatPartitions(assignment.partitions()));
        consumer.wake();
    }

    /** Takes ownership of assigned partitions not yet owned; one another worker still owns is retried next time. */
    private void takeAssigned() {
        for (int p : assigned) {
            PartitionState held = owned.get(p);
            if (draining || (held != null && held.fetching())) {
                continue;
            }
            // Not owned, or owned but not fetched (kept from before a lapsed lease, or being given up): take it as new.
            Object took = connections.with(j -> StreamScripts.TAKE_OWNER.run(j,
                    List.of(DataPlaneKeys.bytes(keys.owner(p))), List.of(DataPlaneKeys.bytes(id()))));
            if (!Long.valueOf(1).equals(took)) {
                continue;
            }
            PartitionState state = new PartitionState(p);
            owned.put(p, state);
            for (StaleWorkReclaimer.Reclaimed r : reclaimer.take(p)) {
                // An entry still held from before a lapsed lease is running already: taking it twice would count
                // it twice and keep the partition from ever being released.
                if (taken.add(takenKey(p, r.entry().id()))) {
                    handle(p, r.entry(), r.deliveries());
                }
            }
            state.fetching(true);
        }
        consumer.wake();
    }

    /** Releases owned partitions that are no longer assigned (or all, when draining) once nothing taken is left. */
    private void releaseLost() {
        for (PartitionState s : owned.values()) {
            if ((draining || !assigned.contains(s.partition())) && !holdsAny(s.partition())) {
                s.fetching(false);
                release(s.partition());
            }
        }
    }

    private void release(int p) {
        connections.with(j -> StreamScripts.RELEASE_OWNER.run(j, List.of(DataPlaneKeys.bytes(keys.owner(p))),
                List.of(DataPlaneKeys.bytes(id()))));
        owned.remove(p);
        log.debug("{} - released partition {}", id(), p);
    }

    private void trim() {
        for (PartitionState s : owned.values()) {
            connections.with(j -> StreamScripts.TRIM.run(j, List.of(DataPlaneKeys.bytes(keys.owner(s.partition())),
                    DataPlaneKeys.bytes(keys.requestStream(s.partition()))),
                    List.of(DataPlaneKeys.bytes(id()), DataPlaneKeys.bytes(Keys.CONSUMER_GROUP))));
        }
    }

    /** The lease lapsed: we were declared dead. Stop fetching, give up what is not reassigned to us, re-register. */
    private void leaseLost() {
        log.warn("{} - lease lapsed (declared dead); re-registering as new", id());
        // Stop fetching but keep what we own: the release (compare-and-delete of each owner key, once nothing taken is
        // left) must still happen, or a leader that never saw the lapse waits for those partitions forever.
        for (PartitionState s : owned.values()) {
            s.fetching(false);
        }
        assigned.clear();
        threads.setLimit(0);
        watcher.reset();
        heartbeat.register();
    }

    // ---- leaving ----------------------------------------------------------------------------------------------------

    private void drainAndSignal() {
        try {
            drain();
        } finally {
            terminated.countDown();
        }
    }

    /**
     * Leaves the pool cleanly: stops fetching, reports {@code draining}, finishes every request it took (up to the
     * drain timeout), releases its partitions and deregisters. Idempotent.
     */
    public synchronized void drain() {
        if (closed) {
            return;
        }
        draining = true;
        consumer.close();
        for (PartitionState s : owned.values()) {
            s.fetching(false);
        }
        long deadline = System.nanoTime() + config.drainTimeout().toNanos();
        while (!taken.isEmpty() && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!taken.isEmpty()) {
            log.warn("{} - drain timed out with {} requests in flight; they stay pending for the next owner", id(),
                    taken.size());
        }
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            for (int p : Set.copyOf(owned.keySet())) {
                release(p);
            }
            heartbeat.deregister();
        } catch (RuntimeException e) {
            log.warn("{} - releasing on drain failed (the lease will lapse instead): {}", id(), e.toString());
        }
        closed = true;
        poster.close();
        threads.shutdown(1000);
        connections.close();
        closeLibraries();
        terminated.countDown();
        log.info("{} - drained and deregistered", id());
    }

    /** Drains and frees everything. */
    @Override
    public void close() {
        drain();
    }

    /**
     * Stops at once without releasing or deregistering, as a crash would (for tests of recovery): what it holds stays
     * pending until its lease lapses and another worker reclaims it.
     */
    public synchronized void halt() {
        if (closed) {
            return;
        }
        closed = true;
        draining = true;
        scheduler.shutdownNow();
        consumer.close();
        threads.shutdown(0);
        poster.close();
        connections.close();
        closeLibraries();
        terminated.countDown();
    }

    private void closeLibraries() {
        if (librariesOwner != null) {
            try {
                librariesOwner.close();
            } catch (Exception e) {
                log.debug("{} - closing the store failed: {}", id(), e.toString());
            }
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "unknown";
        }
    }

    @Override
    public String toString() {
        return "Worker[" + id() + " " + keys + " owns " + owned.keySet() + "]";
    }

    /** Time a drain may take before the JVM's shutdown hook gives up (see {@link WorkerMain}). */
    static Duration drainBudget(WorkerConfig config) {
        return config.drainTimeout().plus(Duration.ofSeconds(10));
    }
}
