package io.github.arcticasync.cli;

import io.github.arcticasync.internal.cluster.Assignment;
import io.github.arcticasync.internal.cluster.PoolRecord;
import io.github.arcticasync.internal.cluster.WorkerLease;
import java.util.List;
import java.util.Map;

/**
 * One reading of a namespace's cluster state, as {@code arctic-async status} shows it.
 *
 * @param namespace     the namespace read
 * @param pool          the pool record (size, state, epoch, leader, partitions)
 * @param workers       live workers (holding a lease) with the assignment the leader wrote for each (null: none yet)
 * @param deadWorkers   registered workers whose lease lapsed and that the leader has not yet removed
 * @param streamEntries entries in the request streams, summed over partitions (queued, running or not yet trimmed)
 * @param pending       entries delivered to a worker and not yet acked, summed over partitions
 * @param counters      the cluster counters summed over partitions
 * @param evictionPolicy Redis's {@code maxmemory-policy}, or null when the server does not say
 */
record ClusterStatus(String namespace, PoolRecord pool, List<LiveWorker> workers, List<String> deadWorkers,
                     long streamEntries, long pending, Counters counters, String evictionPolicy) {

    ClusterStatus {
        workers = List.copyOf(workers);
        deadWorkers = List.copyOf(deadWorkers);
    }

    /**
     * A live worker.
     *
     * @param lease      its lease (status, max threads, capacity, pid, host)
     * @param assignment what the leader allotted it, or null when nothing yet
     */
    record LiveWorker(WorkerLease lease, Assignment assignment) {
        /** Threads allotted by the leader (0 with no assignment). */
        int threads() {
            return assignment == null ? 0 : assignment.threads();
        }

        /** Partitions assigned to it. */
        List<Integer> partitions() {
            return assignment == null ? List.of() : assignment.partitions();
        }
    }

    /**
     * The cluster counters.
     *
     * @param submitted    requests accepted onto a stream
     * @param completed    requests finished with a result
     * @param failed       requests finished with an error
     * @param reclaimed    pending entries taken over from dead or departed workers
     * @param deadLettered entries moved to the dead-letter stream
     */
    record Counters(long submitted, long completed, long failed, long reclaimed, long deadLettered) {
        /** Submitted and not yet finished (completed, failed or dead-lettered): queued or running. */
        long outstanding() {
            return Math.max(0, submitted - completed - failed - deadLettered);
        }

        /** The counters by their stored names, for tests and scripts. */
        Map<String, Long> asMap() {
            return Map.of("submitted", submitted, "completed", completed, "failed", failed, "reclaimed", reclaimed,
                    "deadLettered", deadLettered);
        }
    }
}
