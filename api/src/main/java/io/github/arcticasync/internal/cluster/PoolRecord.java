package io.github.arcticasync.internal.cluster;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The pool record of a namespace, the hash at {@link Keys#pool()}: the requested pool size and state (written by
 * control commands), the partition count (fixed when the record is first created), and the leader's epoch, assignment
 * version and id (written by the leader).
 *
 * @param size       the cluster-wide concurrency budget: at most this many requests run at once across all workers
 * @param state      the life-cycle phase
 * @param partitions the number of partition streams P, fixed for the namespace
 * @param epoch      the fencing epoch: incremented by each coordinator as it takes leadership; 0 before any leader
 * @param version    the last assignment version the leader handed out (increases within and across epochs)
 * @param leader     the id of the coordinator that took {@code epoch}, or empty before any leader
 */
public record PoolRecord(int size, PoolState state, int partitions, long epoch, long version, String leader) {

    /** Pool size when nobody asked for one, as Arctic's {@code ARCTIC_ASYNC_NWORKERS} default. */
    public static final int DEFAULT_SIZE = 4;
    /** Upper bound on the pool size, far above anything a Redis-backed pool can feed. */
    public static final int MAX_SIZE = 100_000;

    public static final String SIZE = "size";
    public static final String STATE = "state";
    public static final String PARTITIONS = "partitions";
    public static final String EPOCH = "epoch";
    public static final String VERSION = "version";
    public static final String LEADER = "leader";

    /** Validates every field. */
    public PoolRecord {
        requireSize(size);
        Objects.requireNonNull(state, "state");
        Keys.requirePartitionCount(partitions);
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must not be negative, got " + epoch);
        }
        if (version < 0) {
            throw new IllegalArgumentException("version must not be negative, got " + version);
        }
        Objects.requireNonNull(leader, "leader");
    }

    /** A fresh pool record: running, no leader yet. */
    public static PoolRecord initial(int size, int partitions) {
        return new PoolRecord(size, PoolState.RUNNING, partitions, 0, 0, "");
    }

    /** Checks a pool size (1..{@value #MAX_SIZE}) and returns it. */
    public static int requireSize(int size) {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("pool size must be between 1 and " + MAX_SIZE + ", got " + size);
        }
        return size;
    }

    /** The hash encoding, every field as a decimal or lower-case string. */
    public Map<String, String> toHash() {
        Map<String, String> hash = new LinkedHashMap<>();
        hash.put(SIZE, Integer.toString(size));
        hash.put(STATE, state.wireName());
        hash.put(PARTITIONS, Integer.toString(partitions));
        hash.put(EPOCH, Long.toString(epoch));
        hash.put(VERSION, Long.toString(version));
        hash.put(LEADER, leader);
        return hash;
    }

    /**
     * Decodes a pool hash. {@code size}, {@code state} and {@code partitions} are required; {@code epoch},
     * {@code version} and {@code leader} default to 0, 0 and empty (no leader has written yet).
     *
     * @throws IllegalArgumentException naming the field that is missing or malformed
     */
    public static PoolRecord fromHash(Map<String, String> hash) {
        String what = "pool";
        int size = HashFields.intNumber(hash, what, SIZE);
        PoolState state = PoolState.fromWire(HashFields.text(hash, what, STATE));
        int partitions = HashFields.intNumber(hash, what, PARTITIONS);
        long epoch = hash.containsKey(EPOCH) ? HashFields.number(hash, what, EPOCH) : 0;
        long version = hash.containsKey(VERSION) ? HashFields.number(hash, what, VERSION) : 0;
        String leader = hash.getOrDefault(LEADER, "");
        return new PoolRecord(size, state, partitions, epoch, version, leader);
    }
}
