package io.github.arcticasync.internal.cluster;

import java.util.Locale;

/**
 * The life-cycle phase of a cluster pool, stored in the {@code state} field of {@link Keys#pool()}.
 *
 * <p>Allowed moves: {@code RUNNING → DRAINING → TERMINATED} (shutdown, then the leader sees every partition drained),
 * {@code RUNNING|DRAINING → TERMINATED} (terminate), and {@code DRAINING|TERMINATED → RUNNING} (reopen).
 */
public enum PoolState {
    /** Submits are accepted and workers run requests. */
    RUNNING,
    /** Shut down: new submits are refused; queued and running requests still run to completion. */
    DRAINING,
    /** Terminated: no submits; workers stop fetching, finish what they run, release their partitions and exit. */
    TERMINATED;

    /** The value stored in Redis ({@code running}, {@code draining}, {@code terminated}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether clients may submit in this state. */
    public boolean acceptsSubmits() {
        return this == RUNNING;
    }

    /**
     * Parses a stored value.
     *
     * @throws IllegalArgumentException naming the value when it is not a pool state
     */
    public static PoolState fromWire(String value) {
        if (value == null) {
            throw new IllegalArgumentException("pool state must not be null");
        }
        for (PoolState state : values()) {
            if (state.wireName().equals(value)) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown pool state '" + value + "' (expected running, draining or terminated)");
    }
}
