package io.github.arcticasync.coordinator.internal;

import io.github.arcticasync.internal.cluster.ControlScripts;

/** The Lua scripts of the control plane; each touches only {@code aa:{ns}:*} keys, so it runs on one cluster slot. */
final class PoolScripts {

    private PoolScripts() {
    }

    static final String ENSURE_POOL = ControlScripts.ENSURE_POOL;

    /** KEYS[1]=pool; ARGV: coordinator id. Takes the next epoch for a new leader and returns it. */
    static final String TAKE_EPOCH = """
            local epoch = redis.call('HINCRBY', KEYS[1], 'epoch', 1)
            redis.call('HSET', KEYS[1], 'leader', ARGV[1])
            return epoch
            """;

    /**
     * KEYS[1]=pool, KEYS[2]=assignment; ARGV: epoch, worker, threads, partitions, notify channel.
     * Writes an assignment only if the caller's epoch is still the pool's epoch (fencing); returns the new version,
     * or -1 when the caller has been deposed.
     */
    static final String WRITE_ASSIGNMENT = """
            if redis.call('HGET', KEYS[1], 'epoch') ~= ARGV[1] then return -1 end
            local version = redis.call('HINCRBY', KEYS[1], 'version', 1)
            redis.call('HSET', KEYS[2], 'worker', ARGV[2], 'epoch', ARGV[1], 'version', version,
                'threads', ARGV[3], 'partitions', ARGV[4])
            redis.call('PUBLISH', ARGV[5], ARGV[2])
            return version
            """;

    /**
     * KEYS[1]=pool, KEYS[2]=workers set, KEYS[3]=assignment, KEYS[4]=the worker's lease; ARGV: epoch, worker.
     * Fenced removal of a dead worker; does nothing (returns 0) if its lease exists again, because a worker that
     * re-registered between our read and this call would otherwise vanish from the registry while it renews.
     */
    static final String FORGET_WORKER = """
            if redis.call('HGET', KEYS[1], 'epoch') ~= ARGV[1] then return -1 end
            if redis.call('EXISTS', KEYS[4]) == 1 then return 0 end
            redis.call('SREM', KEYS[2], ARGV[2])
            redis.call('DEL', KEYS[3])
            return 1
            """;

    /** KEYS[1]=pool; ARGV: epoch, expected state, new state, notify channel. Fenced compare-and-set of the state. */
    static final String ADVANCE_STATE = """
            if redis.call('HGET', KEYS[1], 'epoch') ~= ARGV[1] then return -1 end
            if redis.call('HGET', KEYS[1], 'state') ~= ARGV[2] then return 0 end
            redis.call('HSET', KEYS[1], 'state', ARGV[3])
            redis.call('PUBLISH', ARGV[4], '*')
            return 1
            """;

    static final String SET_POOL_FIELD = ControlScripts.SET_POOL_FIELD;

    /** KEYS[1]=owner key; ARGV: expected owner. Deletes the owner key only if it still names that owner. */
    static final String RELEASE_OWNER = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """;
}
