package io.github.arcticasync.coordinator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The pure function that turns (pool size, live workers, partition count, previous plan) into a plan: each worker's
 * thread allotment and the partitions it consumes. No Redis, no clock: the coordinator feeds it what it read and
 * writes what it returns.
 *
 * <p>The plan guarantees:
 * <ul>
 *   <li>the allotments add up to at most the pool size n — exactly {@code min(n, Σ maxThreads)} while there are no
 *       more workers than partitions — so a pool of size n runs at most n requests at once across the cluster, and
 *       no worker gets more than its {@code maxThreads};</li>
 *   <li>when there are workers with threads, every partition is owned by exactly one of them, and each of them owns
 *       at least one partition; a worker with 0 threads owns none. At most {@code min(n, P)} workers get threads
 *       (a worker with threads but no partition could run nothing), so with {@code n} below the worker count some
 *       workers idle;</li>
 *   <li>partitions are shared out in proportion to threads (hashing spreads load evenly over partitions), and
 *       movement is minimal: a partition stays with its previous owner unless that owner left or now exceeds its
 *       share; rounding and the choice of who gets threads favour the previous holders.</li>
 * </ul>
 */
public final class PartitionPlanner {

    /** A live worker as the planner sees it: its id and the most threads it can run. */
    public record WorkerCapacity(String workerId, int maxThreads) {
        /** Validates the fields. */
        public WorkerCapacity {
            Objects.requireNonNull(workerId, "workerId");
            if (maxThreads < 0) {
                throw new IllegalArgumentException("maxThreads of " + workerId + " must not be negative, got " + maxThreads);
            }
        }
    }

    /** One worker's share of a plan: its thread allotment and its partitions (ascending). */
    public record WorkerPlan(int threads, List<Integer> partitions) {
        /** Freezes the partition list. */
        public WorkerPlan {
            partitions = List.copyOf(partitions);
        }
    }

    /**
     * A plan: every planned worker's share, keyed by worker id in ascending order.
     *
     * @param partitions the partition count P the plan covers
     * @param workers    each worker's share, including workers given nothing
     */
    public record Plan(int partitions, Map<String, WorkerPlan> workers) {

        /** Freezes the map, keeping its ascending order. */
        public Plan {
            workers = Collections.unmodifiableMap(new TreeMap<>(workers));
        }

        /** The plan with no workers: nothing owned. */
        public static Plan empty(int partitions) {
            return new Plan(partitions, Map.of());
        }

        /** The owner of every partition (index = partition), null where unowned. */
        public String[] owners() {
            String[] owners = new String[partitions];
            workers.forEach((id, share) -> share.partitions().forEach(p -> {
                if (p < partitions) {
                    owners[p] = id;
                }
            }));
            return owners;
        }

        /** The sum of all thread allotments. */
        public int totalThreads() {
            return workers.values().stream().mapToInt(WorkerPlan::threads).sum();
        }

        /** One worker's share, or a share of nothing when the plan does not name it. */
        public WorkerPlan share(String workerId) {
            return workers.getOrDefault(workerId, new WorkerPlan(0, List.of()));
        }
    }

    /**
     * Plans the cluster.
     *
     * @param poolSize   the cluster-wide budget n (≥ 0)
     * @param partitions the partition count P (≥ 1)
     * @param workers    the live workers that take work, distinct ids
     * @param previous   the plan in force (or {@link Plan#empty(int)}), used to keep ownership stable
     * @throws IllegalArgumentException on a negative size, a partition count below 1 or a duplicate worker id
     */
    public Plan plan(int poolSize, int partitions, List<WorkerCapacity> workers, Plan previous) {
        if (poolSize < 0) {
            throw new IllegalArgumentException("poolSize must not be negative, got " + poolSize);
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, got " + partitions);
        }
        Objects.requireNonNull(workers, "workers");
        Objects.requireNonNull(previous, "previous");
        Map<String, Integer> caps = new TreeMap<>();
        for (WorkerCapacity worker : workers) {
            Objects.requireNonNull(worker, "workers contains null");
            if (caps.put(worker.workerId(), worker.maxThreads()) != null) {
                throw new IllegalArgumentException("duplicate worker id " + worker.workerId());
            }
        }
        Map<String, Integer> prevCount = previousCounts(previous, partitions);

        List<String> active = chooseActive(caps, previous, prevCount, Math.min(poolSize, partitions));
        Map<String, Integer> threads = allotThreads(poolSize, active, caps, previous);
        Map<String, Integer> quotas = partitionQuotas(partitions, active, threads, prevCount);
        Map<String, List<Integer>> owned = assignPartitions(partitions, quotas, previous);

        Map<String, WorkerPlan> shares = new LinkedHashMap<>();
        for (String id : caps.keySet()) {
            shares.put(id, new WorkerPlan(threads.getOrDefault(id, 0), owned.getOrDefault(id, List.of())));
        }
        return new Plan(partitions, shares);
    }

    private static Map<String, Integer> previousCounts(Plan previous, int partitions) {
        Map<String, Integer> counts = new HashMap<>();
        String[] owners = previous.partitions() == partitions ? previous.owners() : new String[0];
        for (String owner : owners) {
            if (owner != null) {
                counts.merge(owner, 1, Integer::sum);
            }
        }
        return counts;
    }

    /** Picks who gets threads: at most {@code limit} workers, previous thread holders first. */
    private static List<String> chooseActive(Map<String, Integer> caps, Plan previous, Map<String, Integer> prevCount,
                                             int limit) {
        List<String> candidates = new ArrayList<>();
        caps.forEach((id, cap) -> {
            if (cap > 0) {
                candidates.add(id);
            }
        });
        candidates.sort(Comparator
                .comparing((String id) -> previous.share(id).threads() > 0 ? 0 : 1)
                .thenComparing(id -> -prevCount.getOrDefault(id, 0))
                .thenComparing(Comparator.naturalOrder()));
        List<String> active = new ArrayList<>(candidates.subList(0, Math.min(limit, candidates.size())));
        Collections.sort(active);
        return active;
    }

    /** Water-fills the budget over the active workers, each capped by its maxThreads and given at least one. */
    private static Map<String, Integer> allotThreads(int poolSize, List<String> active, Map<String, Integer> caps,
                                                     Plan previous) {
        Map<String, Integer> threads = new TreeMap<>();
        long capacity = 0;
        for (String id : active) {
            threads.put(id, 0);
            capacity += caps.get(id);
        }
        int remaining = (int) Math.min(poolSize, capacity);
        // Leftover single threads go to previous big holders first, so a join or a resize moves few threads.
        List<String> order = new ArrayList<>(active);
        order.sort(Comparator.comparing((String id) -> -previous.share(id).threads())
                .thenComparing(Comparator.naturalOrder()));
        while (remaining > 0) {
            List<String> open = new ArrayList<>();
            for (String id : order) {
                if (threads.get(id) < caps.get(id)) {
                    open.add(id);
                }
            }
            int each = remaining / open.size();
            if (each == 0) {
                for (int i = 0; i < remaining; i++) {
                    threads.merge(open.get(i), 1, Integer::sum);
                }
                remaining = 0;
            } else {
                for (String id : open) {
                    int give = Math.min(each, caps.get(id) - threads.get(id));
                    threads.merge(id, give, Integer::sum);
                    remaining -= give;
                }
            }
        }
        return threads;
    }

    /**
     * Shares P partitions over the active workers: one each, the rest in proportion to threads by largest
     * remainder, where a worker that already holds more than its floor wins a leftover first (no move needed).
     */
    private static Map<String, Integer> partitionQuotas(int partitions, List<String> active,
                                                        Map<String, Integer> threads, Map<String, Integer> prevCount) {
        Map<String, Integer> quotas = new TreeMap<>();
        if (active.isEmpty()) {
            return quotas;
        }
        int rest = partitions - active.size();
        long total = 0;
        for (String id : active) {
            total += threads.get(id);
        }
        Map<String, Long> remainders = new HashMap<>();
        int given = 0;
        for (String id : active) {
            long numerator = (long) rest * threads.get(id);
            int floor = (int) (numerator / total);
            quotas.put(id, 1 + floor);
            remainders.put(id, numerator % total);
            given += floor;
        }
        List<String> order = new ArrayList<>(active);
        order.sort(Comparator
                .comparing((String id) -> prevCount.getOrDefault(id, 0) > quotas.get(id) ? 0 : 1)
                .thenComparing(id -> -remainders.get(id))
                .thenComparing(Comparator.naturalOrder()));
        for (int i = 0; i < rest - given; i++) {
            quotas.merge(order.get(i), 1, Integer::sum);
        }
        return quotas;
    }

    /** Keeps each partition with its previous owner while that owner is under quota, then fills the gaps. */
    private static Map<String, List<Integer>> assignPartitions(int partitions, Map<String, Integer> quotas,
                                                               Plan previous) {
        Map<String, List<Integer>> owned = new TreeMap<>();
        quotas.keySet().forEach(id -> owned.put(id, new ArrayList<>()));
        if (quotas.isEmpty()) {
            return owned;
        }
        String[] prevOwners = previous.partitions() == partitions ? previous.owners() : new String[partitions];
        List<Integer> free = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            String owner = prevOwners[p];
            List<Integer> list = owner == null ? null : owned.get(owner);
            if (list != null && list.size() < quotas.get(owner)) {
                list.add(p);
            } else {
                free.add(p);
            }
        }
        int next = 0;
        for (Map.Entry<String, List<Integer>> entry : owned.entrySet()) {
            List<Integer> list = entry.getValue();
            while (list.size() < quotas.get(entry.getKey())) {
                list.add(free.get(next++));
            }
            Collections.sort(list);
        }
        return owned;
    }
}
