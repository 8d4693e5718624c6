package io.github.arcticasync.coordinator.internal;

import io.github.arcticasync.coordinator.PartitionPlanner;
import io.github.arcticasync.coordinator.PartitionPlanner.Plan;
import io.github.arcticasync.coordinator.PartitionPlanner.WorkerCapacity;
import io.github.arcticasync.coordinator.PartitionPlanner.WorkerPlan;
import io.github.arcticasync.internal.cluster.Assignment;
import io.github.arcticasync.internal.cluster.Keys;
import io.github.arcticasync.internal.cluster.PoolRecord;
import io.github.arcticasync.internal.cluster.PoolState;
import io.github.arcticasync.internal.cluster.WorkerLease;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The leader's reconciliation step: from the pool record, the live workers, their current assignments and the
 * partition owners, it plans the target with {@link PartitionPlanner} and writes the part of it that is safe now.
 *
 * <p>Safe means two handshakes are respected:
 * <ul>
 *   <li><b>partitions</b> — a partition is granted to its new worker only once no other live worker owns it
 *       ({@link Keys#owner(int)} is absent or names the new worker): the old owner is first sent an assignment without
 *       it and releases it when its in-flight requests from it are done; a dead owner's claim is deleted here;</li>
 *   <li><b>threads</b> — allotments are lowered at once but raised only out of the budget the workers' reported
 *       capacities leave free ({@code Σ max(capacity, allotment) ≤ pool size}), so a resize or a move never lets more
 *       than the pool size run at once.</li>
 * </ul>
 * Level-triggered: every call recomputes from what Redis holds, so a lost write or a new leader simply converges.
 */
public final class Rebalancer {

    private static final Logger log = LoggerFactory.getLogger(Rebalancer.class);

    private final RedissonClient redis;
    private final Keys keys;
    private final PartitionPlanner planner;
    private final CoordinatorMetrics metrics;
    private final String coordinatorId;
    private Plan target;

    /** A rebalancer for the namespace in {@code keys}. */
    public Rebalancer(RedissonClient redis, Keys keys, PartitionPlanner planner, CoordinatorMetrics metrics,
                      String coordinatorId) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.planner = Objects.requireNonNull(planner, "planner");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.coordinatorId = coordinatorId;
    }

    /** Forgets the remembered target, so the next step seeds it from the assignments in Redis (new leadership). */
    public void reset() {
        target = null;
    }

    /** The target plan of the last step, or null before the first. */
    public Plan target() {
        return target;
    }

    /**
     * One reconciliation step as leader of {@code epoch}.
     *
     * @return false if a fenced write found that this coordinator has been deposed
     */
    public boolean step(long epoch, PoolRecord pool, WorkerRegistry.Snapshot registry) {
        Map<String, Assignment> current = readAssignments(registry);
        String[] owners = readOwners();
        releaseDeadOwners(owners, registry);

        if (target == null) {
            target = seed(current, owners, registry);
        }
        List<WorkerCapacity> capacities = new ArrayList<>();
        if (pool.state() != PoolState.TERMINATED) {
            registry.live().forEach((id, lease) -> {
                if (lease.takesWork()) {
                    capacities.add(new WorkerCapacity(id, lease.maxThreads()));
                }
            });
        }
        target = planner.plan(pool.size(), keys.partitions(), capacities, target);

        Map<String, Integer> threads = safeThreads(pool.size(), target, current, registry);
        int assigned = 0;
        for (Map.Entry<String, WorkerLease> entry : registry.live().entrySet()) {
            String id = entry.getKey();
            int allot = threads.get(id);
            List<Integer> partitions = new ArrayList<>();
            if (allot > 0) {
                for (int p : target.share(id).partitions()) {
                    if (owners[p] == null || owners[p].equals(id)) {
                        partitions.add(p);
                    }
                }
            }
            assigned += allot;
            Assignment now = current.get(id);
            if (now != null && now.threads() == allot && now.partitions().equals(partitions)) {
                continue;
            }
            Long version = redis.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE,
                    PoolScripts.WRITE_ASSIGNMENT, RScript.ReturnType.INTEGER,
                    List.of(keys.pool(), keys.assignment(id)), Long.toString(epoch), id, Integer.toString(allot),
                    Assignment.formatPartitions(partitions), keys.notifyChannel());
            if (version < 0) {
                return false;
            }
            metrics.assignmentWritten();
            log.info("{} - assigned {} threads={} partitions=[{}] (epoch {}, version {})", coordinatorId, id, allot,
                    Assignment.formatPartitions(partitions), epoch, version);
        }
        for (String dead : registry.dead()) {
            if (!new WorkerRegistry(redis, keys).forget(epoch, dead)) {
                return false;
            }
            metrics.workerLapsed();
            log.info("{} - lease of worker {} lapsed; its partitions move once reassigned", coordinatorId, dead);
        }
        metrics.observe(registry.live().size(), pool.size(), assigned);
        return true;
    }

    /**
     * Thread allotments to write: the target's where it lowers an allotment; where it raises one, only what the
     * budget allows given every worker's {@code max(reported capacity, allotment)}.
     */
    private static Map<String, Integer> safeThreads(int poolSize, Plan target, Map<String, Assignment> current,
                                                    WorkerRegistry.Snapshot registry) {
        Map<String, Integer> allot = new TreeMap<>();
        long used = 0;
        for (Map.Entry<String, WorkerLease> entry : registry.live().entrySet()) {
            String id = entry.getKey();
            Assignment now = current.get(id);
            int written = now == null ? 0 : now.threads();
            int wanted = target.share(id).threads();
            allot.put(id, Math.min(wanted, written));
            used += Math.max(entry.getValue().capacity(), allot.get(id));
        }
        for (Map.Entry<String, WorkerLease> entry : registry.live().entrySet()) {
            String id = entry.getKey();
            int wanted = target.share(id).threads();
            int have = allot.get(id);
            if (wanted <= have) {
                continue;
            }
            int base = Math.max(entry.getValue().capacity(), have);
            long headroom = poolSize - used;
            int raised = (int) Math.min(wanted, base + Math.max(0, headroom));
            if (raised > have) {
                used += Math.max(0, raised - base);
                allot.put(id, raised);
            }
        }
        return allot;
    }

    private Map<String, Assignment> readAssignments(WorkerRegistry.Snapshot registry) {
        RBatch batch = redis.createBatch();
        Map<String, RFuture<Map<String, String>>> futures = new TreeMap<>();
        for (String id : registry.live().keySet()) {
            futures.put(id, batch.<String, String>getMap(keys.assignment(id), StringCodec.INSTANCE).readAllMapAsync());
        }
        if (!futures.isEmpty()) {
            batch.execute();
        }
        Map<String, Assignment> out = new HashMap<>();
        futures.forEach((id, future) -> {
            Map<String, String> hash = future.toCompletableFuture().join();
            if (!hash.isEmpty()) {
                try {
                    out.put(id, Assignment.fromHash(hash));
                } catch (IllegalArgumentException e) {
                    log.warn("{} - assignment of {} is malformed and will be rewritten: {}", coordinatorId, id, e.getMessage());
                }
            }
        });
        return out;
    }

    private String[] readOwners() {
        RBatch batch = redis.createBatch();
        List<RFuture<String>> futures = new ArrayList<>();
        for (int p = 0; p < keys.partitions(); p++) {
            futures.add(batch.<String>getBucket(keys.owner(p), StringCodec.INSTANCE).getAsync());
        }
        batch.execute();
        String[] owners = new String[keys.partitions()];
        for (int p = 0; p < owners.length; p++) {
            owners[p] = futures.get(p).toCompletableFuture().join();
        }
        return owners;
    }

    /** Deletes the owner claims of workers that hold no lease, so their partitions can move (handshake by lapse). */
    private void releaseDeadOwners(String[] owners, WorkerRegistry.Snapshot registry) {
        for (int p = 0; p < owners.length; p++) {
            String owner = owners[p];
            if (owner != null && !registry.isAlive(owner)) {
                Long deleted = redis.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE,
                        PoolScripts.RELEASE_OWNER, RScript.ReturnType.INTEGER, List.of(keys.owner(p)), owner);
                if (deleted > 0) {
                    log.info("{} - released partition {} of {} (no lease)", coordinatorId, p, owner);
                }
                owners[p] = null;
            }
        }
    }

    /** The plan in force as Redis shows it: written assignments, plus partitions live workers own but were not given. */
    private Plan seed(Map<String, Assignment> current, String[] owners, WorkerRegistry.Snapshot registry) {
        Map<String, List<Integer>> parts = new TreeMap<>();
        Map<String, Integer> threads = new TreeMap<>();
        boolean[] taken = new boolean[keys.partitions()];
        current.forEach((id, assignment) -> {
            List<Integer> list = parts.computeIfAbsent(id, k -> new ArrayList<>());
            for (int p : assignment.partitions()) {
                if (p < taken.length && !taken[p]) {
                    taken[p] = true;
                    list.add(p);
                }
            }
            threads.put(id, assignment.threads());
        });
        for (int p = 0; p < owners.length; p++) {
            if (!taken[p] && owners[p] != null && registry.live().containsKey(owners[p])) {
                parts.computeIfAbsent(owners[p], k -> new ArrayList<>()).add(p);
            }
        }
        Map<String, WorkerPlan> shares = new TreeMap<>();
        parts.forEach((id, list) -> shares.put(id, new WorkerPlan(threads.getOrDefault(id, 0), list)));
        return new Plan(keys.partitions(), shares);
    }
}
