package io.github.arcticasync.internal.cluster;

/**
 * One cluster-wide request counter, a field of the per-partition stats hash {@link Keys#stats(int)}.
 *
 * <p>Counters live per partition (not in one namespace-wide hash) so that the Lua script that performs an action —
 * enqueue, result + ack, reclaim, dead-letter — can bump its counter in the same atomic step: every key a partition
 * touches shares one Redis Cluster slot. The cluster total is the sum over all partitions.
 */
public enum StatCounter {
    /** Requests accepted onto a partition stream (a deduplicated retry does not count). Written by clients. */
    SUBMITTED("submitted"),
    /** Requests whose successful result was written and acked. Written by workers. */
    COMPLETED("completed"),
    /** Requests whose error result was written and acked. Written by workers. */
    FAILED("failed"),
    /** Pending entries taken over from a dead or departed consumer (XAUTOCLAIM). Written by workers. */
    RECLAIMED("reclaimed"),
    /** Entries moved to the dead-letter stream. Written by workers. */
    DEAD_LETTERED("deadLettered");

    private final String field;

    StatCounter(String field) {
        this.field = field;
    }

    /** The hash field name in Redis. */
    public String field() {
        return field;
    }
}
