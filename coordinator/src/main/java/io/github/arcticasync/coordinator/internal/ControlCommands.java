package io.github.arcticasync.coordinator.internal;

import io.github.arcticasync.internal.cluster.Keys;
import io.github.arcticasync.internal.cluster.PoolRecord;
import io.github.arcticasync.internal.cluster.PoolState;
import org.redisson.api.RBatch;
import org.redisson.api.RScript;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The pool's control commands — resize, shutdown, terminate, reopen — and the cluster-wide wait for termination.
 *
 * <p>A command writes the wanted value into the pool record ({@link Keys#pool()}) and announces it on
 * {@link Keys#notifyChannel()}; the leader applies it on its next tick (level-triggered, so a command issued while no
 * coordinator leads is applied by the next leader, and none is lost). Shutdown and terminate also set every
 * partition's closed marker themselves, so no submit is accepted once the command has returned.
 */
public final class ControlCommands {

    private static final Duration RECHECK = Duration.ofMillis(500);

    private final RedissonClient redis;
    private final String namespace;

    /** Commands for {@code namespace} through {@code redis} (a client with {@link StringCodec}). */
    public ControlCommands(RedissonClient redis, String namespace) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.namespace = Keys.requireNamespace(namespace);
    }

    /** Creates the pool record if absent, with the given size and partition count, and returns what is stored. */
    public PoolRecord ensurePool(int defaultSize, int partitions) {
        PoolRecord.requireSize(defaultSize);
        Keys.requirePartitionCount(partitions);
        Keys keys = Keys.of(namespace, partitions);
        script().eval(RScript.Mode.READ_WRITE, PoolScripts.ENSURE_POOL, RScript.ReturnType.INTEGER,
                List.of(keys.pool()), Integer.toString(defaultSize), Integer.toString(partitions));
        return pool().orElseThrow(() -> new IllegalStateException("pool record of " + namespace + " vanished"));
    }

    /**
     * The pool record, or empty when the namespace has none yet.
     *
     * @throws IllegalStateException if the stored record is malformed (naming the field)
     */
    public Optional<PoolRecord> pool() {
        Map<String, String> hash = redis.<String, String>getMap(Keys.of(namespace).pool(), StringCodec.INSTANCE)
                .readAllMap();
        if (hash.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(PoolRecord.fromHash(hash));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("pool record of namespace " + namespace + " is malformed: " + e.getMessage(), e);
        }
    }

    /**
     * Sets the cluster-wide pool size: at most {@code size} requests run at once across all workers once the leader
     * has rebalanced. Queued requests stay queued; running ones finish.
     */
    public void resize(int size) {
        PoolRecord.requireSize(size);
        PoolRecord pool = ensurePool(size, Keys.DEFAULT_PARTITIONS);
        setField(pool, PoolRecord.SIZE, Integer.toString(size));
    }

    /** Shuts the pool down: new submits are refused at once; queued and running requests still complete. */
    public void shutdown() {
        PoolRecord pool = requirePool();
        if (pool.state() == PoolState.RUNNING) {
            setClosedMarkers(pool, true);
            setField(pool, PoolRecord.STATE, PoolState.DRAINING.wireName());
        }
    }

    /** Terminates the pool: submits are refused, workers finish what they run and exit; queued requests stay queued. */
    public void terminate() {
        PoolRecord pool = requirePool();
        setClosedMarkers(pool, true);
        setField(pool, PoolRecord.STATE, PoolState.TERMINATED.wireName());
    }

    /** Reopens a shut-down or terminated pool for submits (workers that exited must be started again). */
    public void reopen() {
        PoolRecord pool = requirePool();
        setField(pool, PoolRecord.STATE, PoolState.RUNNING.wireName());
        setClosedMarkers(pool, false);
    }

    /**
     * Waits until the pool is {@link PoolState#TERMINATED}: after {@link #shutdown()}, that is when the leader has
     * seen every partition stream fully processed. Wakes on the notify channel, re-checking now and then in case a
     * message was missed.
     *
     * @return true if terminated, false if the timeout passed first
     */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        long deadline = System.nanoTime() + timeout.toNanos();
        Semaphore changed = new Semaphore(0);
        RTopic topic = redis.getTopic(Keys.of(namespace).notifyChannel(), StringCodec.INSTANCE);
        int listener = topic.addListener(String.class, (channel, message) -> changed.release());
        try {
            while (true) {
                Optional<PoolRecord> pool = pool();
                if (pool.isPresent() && pool.get().state() == PoolState.TERMINATED) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                changed.tryAcquire(Math.min(left, RECHECK.toNanos()), TimeUnit.NANOSECONDS);
                changed.drainPermits();
            }
        } finally {
            topic.removeListener(listener);
        }
    }

    private PoolRecord requirePool() {
        return pool().orElseThrow(() -> new IllegalStateException(
                "namespace " + namespace + " has no pool yet (start a coordinator or resize it first)"));
    }

    private void setField(PoolRecord pool, String field, String value) {
        Keys keys = Keys.of(namespace, pool.partitions());
        script().eval(RScript.Mode.READ_WRITE, PoolScripts.SET_POOL_FIELD, RScript.ReturnType.INTEGER,
                List.of(keys.pool()), field, value, keys.notifyChannel());
    }

    /** Sets or clears every partition's closed marker, pipelined (each marker is its own slot). */
    void setClosedMarkers(PoolRecord pool, boolean closed) {
        setClosedMarkers(redis, Keys.of(namespace, pool.partitions()), closed);
    }

    static void setClosedMarkers(RedissonClient redis, Keys keys, boolean closed) {
        RBatch batch = redis.createBatch();
        for (int p = 0; p < keys.partitions(); p++) {
            if (closed) {
                batch.getBucket(keys.closed(p), StringCodec.INSTANCE).setAsync("1");
            } else {
                batch.getBucket(keys.closed(p), StringCodec.INSTANCE).deleteAsync();
            }
        }
        batch.execute();
    }

    private RScript script() {
        return redis.getScript(StringCodec.INSTANCE);
    }
}
