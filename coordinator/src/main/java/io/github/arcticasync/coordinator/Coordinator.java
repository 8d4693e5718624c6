package io.github.arcticasync.coordinator;

import io.github.arcticasync.coordinator.internal.ControlCommands;
import io.github.arcticasync.coordinator.internal.CoordinatorMetrics;
import io.github.arcticasync.coordinator.internal.LeaderLease;
import io.github.arcticasync.coordinator.internal.PoolLifecycle;
import io.github.arcticasync.coordinator.internal.RedisClients;
import io.github.arcticasync.coordinator.internal.Rebalancer;
import io.github.arcticasync.coordinator.internal.WorkerRegistry;
import io.github.arcticasync.internal.cluster.Keys;
import io.github.arcticasync.internal.cluster.PoolRecord;
import io.github.arcticasync.internal.transport.RetryLog;
import io.micrometer.core.instrument.MeterRegistry;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A coordinator process of one namespace. Several may run; one leads. The leader, every heartbeat, reads the pool
 * record and the worker registry, plans partitions and thread allotments for the live workers, writes the safe part of
 * the plan as epoch-fenced assignments, clears the claims of dead workers, and drives the pool life cycle. Followers
 * only try to take the leader lease.
 *
 * <p>{@link #start(CoordinatorConfig)} starts it; {@link #close()} stops it and hands leadership over at once.
 */
public final class Coordinator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Coordinator.class);

    private final CoordinatorConfig config;
    private final RedissonClient redis;
    private final boolean ownsClient;
    private final ScheduledExecutorService scheduler;
    private final Keys keys;
    private final LeaderLease lease;
    private final WorkerRegistry registry;
    private final Rebalancer rebalancer;
    private final PoolLifecycle lifecycle;
    private final ControlCommands commands;
    private final CoordinatorMetrics metrics;
    private final AtomicLong epoch = new AtomicLong(-1);
    private final Set<String> knownWorkers = new HashSet<>();
    /** Any tick failure may be a bug, not only an outage: the first of a run is logged with its stack trace. */
    private final RetryLog tickRetries;
    private volatile boolean closed;

    private Coordinator(CoordinatorConfig config, RedissonClient redis, boolean ownsClient,
                        ScheduledExecutorService scheduler, MeterRegistry meterRegistry) {
        this.config = config;
        this.redis = redis;
        this.ownsClient = ownsClient;
        this.scheduler = scheduler;
        this.commands = new ControlCommands(redis, config.namespace());
        PoolRecord pool = commands.ensurePool(config.initialPoolSize(), config.partitions());
        if (pool.partitions() != config.partitions()) {
            log.warn("{} - pool {} already has {} partitions; ignoring the configured {}", config.coordinatorId(),
                    config.namespace(), pool.partitions(), config.partitions());
        }
        this.keys = Keys.of(config.namespace(), pool.partitions());
        this.metrics = new CoordinatorMetrics(meterRegistry, config.namespace(), config.coordinatorId());
        this.lease = new LeaderLease(redis, keys, config.coordinatorId());
        this.registry = new WorkerRegistry(redis, keys);
        this.rebalancer = new Rebalancer(redis, keys, new PartitionPlanner(), metrics, config.coordinatorId());
        this.lifecycle = new PoolLifecycle(redis, keys, config.coordinatorId());
        this.tickRetries = new RetryLog(log, config.coordinatorId() + " - coordinator tick", true);
    }

    /** Starts a coordinator with its own Redis client and no metrics. */
    public static Coordinator start(CoordinatorConfig config) {
        return start(config, null);
    }

    /** Starts a coordinator with its own Redis client, registering meters in {@code meterRegistry} (null: none). */
    public static Coordinator start(CoordinatorConfig config, MeterRegistry meterRegistry) {
        Objects.requireNonNull(config, "config");
        RedissonClient redis = RedisClients.create(config.redisUrl(), config.leaseTime());
        try {
            return start(config, redis, true, defaultScheduler(config), meterRegistry);
        } catch (RuntimeException e) {
            redis.shutdown();
            throw e;
        }
    }

    /**
     * Starts a coordinator on a given client and scheduler. The client must use a lock watchdog of
     * {@link CoordinatorConfig#leaseTime()} (see {@link RedisClients#create}); the scheduler is shut down by
     * {@link #close()}.
     */
    static Coordinator start(CoordinatorConfig config, RedissonClient redis, boolean ownsClient,
                             ScheduledExecutorService scheduler, MeterRegistry meterRegistry) {
        Coordinator coordinator = new Coordinator(config, redis, ownsClient, scheduler, meterRegistry);
        log.info("{} - starting: {}", config.coordinatorId(), config);
        long period = config.heartbeatInterval().toMillis();
        // Fixed delay, not fixed rate: ticks missed during a long pause must not then fire back to back.
        scheduler.scheduleWithFixedDelay(coordinator::tick, 0, period, TimeUnit.MILLISECONDS);
        return coordinator;
    }

    private static ScheduledExecutorService defaultScheduler(CoordinatorConfig config) {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "arctic-async-coordinator-" + config.coordinatorId());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** This coordinator's id. */
    public String id() {
        return config.coordinatorId();
    }

    /** The key layout of its namespace (with the pool's partition count). */
    public Keys keys() {
        return keys;
    }

    /** Whether this coordinator leads right now. */
    public boolean isLeader() {
        return epoch.get() >= 0;
    }

    /** The epoch of its current leadership, or -1 when it does not lead. */
    public long epoch() {
        return epoch.get();
    }

    /** The control commands of its namespace. */
    public ControlCommands commands() {
        return commands;
    }

    /**
     * One heartbeat: take or keep the lead and, as leader, reconcile. Never throws: a scheduled task that throws dies.
     */
    private void tick() {
        if (closed) {
            return;
        }
        try {
            lead();
            tickRetries.succeeded();
        } catch (RuntimeException e) {
            tickRetries.failed(e, "retrying next heartbeat");
        }
    }

    /** One heartbeat's work: take or keep the leader lease, and as leader plan and apply. */
    private void lead() {
        if (epoch.get() < 0) {
            OptionalLong taken = lease.tryAcquire();
            if (taken.isEmpty()) {
                return;
            }
            epoch.set(taken.getAsLong());
            rebalancer.reset();
            lifecycle.reset();
            metrics.leadership(taken.getAsLong());
            log.info("{} - now leads namespace {} with epoch {}", id(), keys.namespace(), taken.getAsLong());
        } else if (!lease.isHeld()) {
            stepDown("leader lease lapsed");
            return;
        }
        PoolRecord pool = commands.pool().orElseGet(
                () -> commands.ensurePool(config.initialPoolSize(), keys.partitions()));
        WorkerRegistry.Snapshot workers = registry.read();
        logMembership(workers);
        long current = epoch.get();
        if (!rebalancer.step(current, pool, workers) || !lifecycle.step(current, pool)) {
            stepDown("a newer leader took over (fenced write refused)");
        }
    }

    private void logMembership(WorkerRegistry.Snapshot workers) {
        Set<String> alive = new HashSet<>(workers.live().keySet());
        alive.addAll(workers.malformed());
        for (String id : alive) {
            if (knownWorkers.add(id)) {
                log.info("{} - worker {} joined", id(), id);
            }
        }
        knownWorkers.removeIf(id -> {
            if (!alive.contains(id)) {
                log.info("{} - worker {} left", id(), id);
                return true;
            }
            return false;
        });
    }

    private void stepDown(String why) {
        long was = epoch.getAndSet(-1);
        metrics.leadership(-1);
        knownWorkers.clear();
        log.info("{} - stopped leading namespace {} (epoch {}): {}", id(), keys.namespace(), was, why);
        try {
            lease.release();
        } catch (RuntimeException e) {
            log.debug("{} - releasing the leader lock failed (it will lapse): {}", id(), e.toString());
        }
    }

    /** Stops the heartbeat, releases leadership (so another coordinator leads at once) and closes its client. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(config.leaseTime().toMillis(), TimeUnit.MILLISECONDS)) {
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
        try {
            if (epoch.get() >= 0) {
                stepDown("closed");
            }
        } finally {
            metrics.close();
            if (ownsClient) {
                redis.shutdown();
            }
        }
        log.info("{} - stopped", id());
    }
}
