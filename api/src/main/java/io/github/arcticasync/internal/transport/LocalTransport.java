package io.github.arcticasync.internal.transport;

import io.github.arcticasync.asynchronous.AsyncArcticException;
import io.github.arcticasync.asynchronous.RequestDurationException;
import io.github.arcticasync.internal.execution.OperationCall;
import io.github.arcticasync.internal.execution.OperationExecutor;
import io.github.arcticasync.internal.execution.Outcome;
import io.github.arcticasync.internal.execution.StoreResolver;
import io.github.arcticasync.internal.execution.SymbolGate;
import io.github.arcticasync.store.VersionStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntFunction;

/**
 * The in-JVM pool: a thread pool of {@code poolSize} threads behind a {@link SymbolGate}, running calls through an
 * {@link OperationExecutor}. A request enters the gate at submit; once admitted it goes to the pool's FIFO queue, so
 * different symbols run in parallel up to the pool size and requests on one symbol start in submit order. The thread
 * pool is created at the first request that needs it.
 */
public final class LocalTransport implements Transport {
    /** The prefix of pool thread names, as Arctic's {@code AsyncArcticWorker}. */
    public static final String THREAD_NAME_PREFIX = "AsyncArcticWorker";
    /** How long a finished request stays findable by id. */
    public static final Duration DEFAULT_RESULT_TTL = Duration.ofHours(1);
    /** Idle pool threads end after this long; the pool re-grows on demand. */
    private static final long KEEP_ALIVE_SECONDS = 60;

    private final OperationExecutor executor;
    private final StoreResolver libraries;
    private final Clock clock;
    private final Duration resultTtl;
    private final IntFunction<ThreadPoolExecutor> poolFactory;
    private final SymbolGate<LocalRequest> gate = new SymbolGate<>();
    private final Map<String, LocalRequest> byId = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<Expiry> expiries = new ConcurrentLinkedQueue<>();

    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled whenever pending or running goes down. */
    private final Condition progress = lock.newCondition();
    private ThreadPoolExecutor pool;
    private int poolSize;
    private boolean shutdown;
    private long total;
    private long pending;
    private int running;
    /** Requests handed to the pool and not yet finished; never more than poolSize. */
    private int inFlight;
    /** Requests the gate admitted that wait for a free slot, in admission order. */
    private final ArrayDeque<LocalRequest> ready = new ArrayDeque<>();

    private LocalTransport(Builder b) {
        this.poolSize = b.poolSize;
        this.executor = b.executor;
        this.libraries = b.libraries;
        this.clock = b.clock;
        this.resultTtl = b.resultTtl;
        this.poolFactory = b.poolFactory != null ? b.poolFactory : defaultPoolFactory(b.threadNamePrefix);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public RequestHandle submit(OperationCall call, VersionStore store) {
        Objects.requireNonNull(call, "call");
        if (store == null && libraries == null) {
            throw new AsyncArcticException("Cannot resolve library " + call.library() + " by name: this pool has no "
                    + "Arctic connection (configure mongo(url), arctic(...) or libraries(...)), or pass a VersionStore");
        }
        LocalRequest request = new LocalRequest(UUID.randomUUID().toString(), call, store, clock.instant());
        boolean admitted;
        lock.lock();
        try {
            if (shutdown) {
                throw new AsyncArcticException("AsyncArctic has been shutdown and can no longer accept new requests.");
            }
            total++;
            pending++;
            admitted = gate.enter(call.key(), call.kind(), request);
        } finally {
            lock.unlock();
        }
        expireOld();
        byId.put(request.id(), request);
        if (admitted) {
            dispatch(List.of(request));
        }
        return request;
    }

    /**
     * Hands admitted requests to the pool while fewer than {@code poolSize} are in flight; the rest wait in
     * {@link #ready}. The transport counts slots itself because a shrinking ThreadPoolExecutor can still run more
     * tasks than its new maximum for a while (idle threads already blocked in take() pick up queued work).
     * A request the pool refuses fails with the reason and frees its slot.
     */
    private void dispatch(List<LocalRequest> admitted) {
        ArrayDeque<LocalRequest> work = new ArrayDeque<>(admitted);
        while (true) {
            List<LocalRequest> toRun = new ArrayList<>();
            lock.lock();
            try {
                ready.addAll(work);
                work.clear();
                while (inFlight < poolSize && !ready.isEmpty()) {
                    inFlight++;
                    toRun.add(ready.poll());
                }
            } finally {
                lock.unlock();
            }
            if (toRun.isEmpty()) {
                return;
            }
            boolean slotFreed = false;
            for (LocalRequest request : toRun) {
                try {
                    currentPool().execute(() -> run(request));
                } catch (RejectedExecutionException e) {
                    // Arctic's error path masked this with a second error (§5.6 bug 9); here it fails with it.
                    request.recordEnd(Outcome.failure(new AsyncArcticException("Could not schedule request "
                            + request.id() + " (" + request.operation() + " on " + request.call().key() + ")", e),
                            0), clock.instant());
                    work.addAll(finish(request));
                    slotFreed = true;
                }
            }
            if (!slotFreed) {
                return; // every slot taken above is still busy: nothing more can start until one finishes
            }
        }
    }

    private ThreadPoolExecutor currentPool() {
        lock.lock();
        try {
            if (pool == null) {
                pool = poolFactory.apply(poolSize);
            }
            return pool;
        } finally {
            lock.unlock();
        }
    }

    private void run(LocalRequest request) {
        lock.lock();
        try {
            running++;
        } finally {
            lock.unlock();
        }
        request.markRunning(clock.instant());
        Outcome outcome;
        try {
            StoreResolver resolver = request.store() != null ? name -> request.store() : libraries;
            outcome = executor.execute(request.call(), resolver);
        } catch (Throwable t) {
            outcome = Outcome.failure(t, 1); // the executor never throws; kept so a request can never hang
        }
        request.recordEnd(outcome, clock.instant());
        dispatch(finish(request));
    }

    /**
     * Frees the request's slot on its symbol, tells its waiters and callbacks, and counts it done; returns the
     * requests the freed slot admits. The slot is freed before waiters are told so a slow callback does not hold up
     * the symbol; the request counts as pending until its callbacks have run, so awaitTermination implies they ran.
     */
    private List<LocalRequest> finish(LocalRequest request) {
        List<LocalRequest> released = gate.leave(request.call().key(), request.call().kind());
        request.publish();
        expiries.add(new Expiry(request.id(), request.endTime().plus(resultTtl)));
        lock.lock();
        try {
            pending--;
            inFlight--;
            if (request.hasStarted()) {
                running--;
            }
            if (shutdown && pending == 0 && pool != null) {
                pool.shutdown();
            }
            progress.signalAll();
        } finally {
            lock.unlock();
        }
        return released;
    }

    private void expireOld() {
        Instant now = clock.instant();
        for (Expiry e = expiries.peek(); e != null && e.at.isBefore(now); e = expiries.peek()) {
            if (expiries.remove(e)) {
                byId.remove(e.id);
            }
        }
    }

    @Override
    public Optional<RequestHandle> find(String id) {
        Objects.requireNonNull(id, "id must not be null");
        expireOld();
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public void shutdown() {
        lock.lock();
        try {
            shutdown = true;
            // With work pending the pool is shut down by the last finish(); a pool never created stays uncreated.
            if (pending == 0 && pool != null) {
                pool.shutdown();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isShutdown() {
        lock.lock();
        try {
            return shutdown;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void awaitTermination(Duration timeout) {
        Deadline deadline = Deadline.after(timeout);
        ThreadPoolExecutor drained;
        lock.lock();
        try {
            while (pending > 0) {
                if (!deadline.await(progress, "the pool")) {
                    throw new RequestDurationException(pending + " requests still pending after waiting " + timeout);
                }
            }
            drained = shutdown ? pool : null;
        } finally {
            lock.unlock();
        }
        if (drained != null) {
            try {
                // Only the threads' last few instructions remain; bounded by the same deadline.
                drained.awaitTermination(Math.max(0, deadline.remainingNanos()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AsyncArcticException("Interrupted while awaiting termination", e);
            }
        }
    }

    @Override
    public void resize(int newSize, Duration timeout) {
        Counts.requirePositive(newSize, "pool size");
        Deadline deadline = Deadline.after(timeout);
        lock.lock();
        try {
            poolSize = newSize;
            shutdown = false;
            if (pool != null && pool.isShutdown()) {
                pool = null; // it held no work (shut down only when nothing was pending); a new one comes on demand
            } else if (pool != null) {
                if (newSize > pool.getMaximumPoolSize()) {
                    pool.setMaximumPoolSize(newSize);
                    pool.setCorePoolSize(newSize);
                } else {
                    pool.setCorePoolSize(newSize);
                    pool.setMaximumPoolSize(newSize);
                }
            }
            while (inFlight > newSize) {
                if (!deadline.await(progress, "the pool")) {
                    throw new RequestDurationException("Pool resized to " + newSize + " but " + inFlight
                            + " requests still run after waiting " + timeout);
                }
            }
        } finally {
            lock.unlock();
        }
        dispatch(List.of()); // a larger pool starts queued requests now
    }




    @Override
    public int poolSize() {
        lock.lock();
        try {
            return poolSize;
        } finally {
            lock.unlock();
        }
    }

    /** Requests whose operation is executing now. */
    public int runningRequests() {
        lock.lock();
        try {
            return running;
        } finally {
            lock.unlock();
        }
    }

    /** Whether the thread pool exists (it is created by the first request that runs). */
    public boolean hasThreadPool() {
        lock.lock();
        try {
            return pool != null;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long totalRequests() {
        lock.lock();
        try {
            return total;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long pendingRequests() {
        lock.lock();
        try {
            return pending;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        shutdown();
        awaitTermination(null);
    }

    private static IntFunction<ThreadPoolExecutor> defaultPoolFactory(String prefix) {
        return size -> {
            ThreadPoolExecutor p = new ThreadPoolExecutor(size, size, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), new NamedThreads(prefix));
            p.allowCoreThreadTimeOut(true);
            return p;
        };
    }

    private record Expiry(String id, Instant at) {
    }

    /** Daemon threads named {@code <prefix>-<n>}: a forgotten pool must not keep the JVM alive. */
    private static final class NamedThreads implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger count = new AtomicInteger();

        NamedThreads(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }

    /** Builds a {@link LocalTransport}; every setter validates its argument. */
    public static final class Builder {
        private int poolSize = 4;
        private OperationExecutor executor = new OperationExecutor();
        private StoreResolver libraries;
        private Clock clock = Clock.systemUTC();
        private Duration resultTtl = DEFAULT_RESULT_TTL;
        private String threadNamePrefix = THREAD_NAME_PREFIX;
        private IntFunction<ThreadPoolExecutor> poolFactory;

        private Builder() {
        }

        public Builder poolSize(int poolSize) {
            this.poolSize = Counts.requirePositive(poolSize, "pool size");
            return this;
        }

        public Builder executor(OperationExecutor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /** Resolves libraries named by {@code LibraryRef}; null = only requests that carry a VersionStore. */
        public Builder libraries(StoreResolver libraries) {
            this.libraries = libraries;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder resultTtl(Duration ttl) {
            this.resultTtl = Durations.requirePositive(ttl, "resultTtl");
            return this;
        }

        public Builder threadNamePrefix(String prefix) {
            if (prefix == null || prefix.isBlank()) {
                throw new IllegalArgumentException("thread name prefix must not be blank");
            }
            this.threadNamePrefix = prefix;
            return this;
        }

        /** Makes the thread pool for a size; for tests that need a pool with particular behaviour. */
        public Builder poolFactory(IntFunction<ThreadPoolExecutor> factory) {
            this.poolFactory = Objects.requireNonNull(factory, "poolFactory");
            return this;
        }

        public LocalTransport build() {
            return new LocalTransport(this);
        }
    }
}
