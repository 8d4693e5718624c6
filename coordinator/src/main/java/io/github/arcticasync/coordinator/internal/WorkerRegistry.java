package io.github.arcticasync.coordinator.internal;

import io.github.arcticasync.internal.cluster.Keys;
import io.github.arcticasync.internal.cluster.WorkerLease;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The worker registry as the coordinator sees it: the registered ids ({@link Keys#workers()}) and their leases
 * ({@link Keys#lease(String)}, expiring in Redis). A registered worker whose lease key is gone is dead.
 */
public final class WorkerRegistry {

    private static final Logger log = LoggerFactory.getLogger(WorkerRegistry.class);

    /**
     * One reading of the registry.
     *
     * @param live      workers holding a lease, by id
     * @param dead      registered workers whose lease lapsed
     * @param malformed workers holding a lease that does not decode (alive, but given no work)
     */
    public record Snapshot(Map<String, WorkerLease> live, Set<String> dead, Set<String> malformed) {
        /** Freezes the collections. */
        public Snapshot {
            live = Collections.unmodifiableMap(new TreeMap<>(live));
            dead = Collections.unmodifiableSet(new TreeSet<>(dead));
            malformed = Collections.unmodifiableSet(new TreeSet<>(malformed));
        }

        /** Whether {@code workerId} holds a lease (well-formed or not). */
        public boolean isAlive(String workerId) {
            return live.containsKey(workerId) || malformed.contains(workerId);
        }
    }

    private final RedissonClient redis;
    private final Keys keys;

    /** The registry of the namespace in {@code keys}. */
    public WorkerRegistry(RedissonClient redis, Keys keys) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** Reads every registered worker's lease in one pipeline. */
    public Snapshot read() {
        Set<String> ids = redis.<String>getSet(keys.workers(), StringCodec.INSTANCE).readAll();
        List<String> valid = new ArrayList<>();
        Set<String> malformed = new TreeSet<>();
        for (String id : ids) {
            try {
                Keys.requireWorkerId(id);
                valid.add(id);
            } catch (IllegalArgumentException e) {
                log.warn("{} - ignoring registry member with a bad worker id: {}", keys.namespace(), e.getMessage());
            }
        }
        RBatch batch = redis.createBatch();
        List<RFuture<Map<String, String>>> futures = new ArrayList<>();
        for (String id : valid) {
            futures.add(batch.<String, String>getMap(keys.lease(id), StringCodec.INSTANCE).readAllMapAsync());
        }
        if (!valid.isEmpty()) {
            batch.execute();
        }
        Map<String, WorkerLease> live = new TreeMap<>();
        Set<String> dead = new TreeSet<>();
        for (int i = 0; i < valid.size(); i++) {
            String id = valid.get(i);
            Map<String, String> hash = futures.get(i).toCompletableFuture().join();
            if (hash.isEmpty()) {
                dead.add(id);
                continue;
            }
            try {
                WorkerLease lease = WorkerLease.fromHash(hash);
                if (!lease.workerId().equals(id)) {
                    throw new IllegalArgumentException("lease names worker " + lease.workerId());
                }
                live.put(id, lease);
            } catch (IllegalArgumentException e) {
                log.warn("{} - lease of worker {} is malformed, giving it no work: {}", keys.namespace(), id, e.getMessage());
                malformed.add(id);
            }
        }
        return new Snapshot(live, dead, malformed);
    }

    /**
     * Removes a dead worker from the registry and deletes its assignment, fenced by {@code epoch}.
     *
     * @return false if this coordinator has been deposed
     */
    public boolean forget(long epoch, String workerId) {
        Long result = redis.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, PoolScripts.FORGET_WORKER,
                RScript.ReturnType.INTEGER, List.of(keys.pool(), keys.workers(), keys.assignment(workerId), keys.lease(workerId)),
                Long.toString(epoch), workerId);
        return result >= 0;
    }
}
