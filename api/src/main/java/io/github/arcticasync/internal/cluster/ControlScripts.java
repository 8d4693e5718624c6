package io.github.arcticasync.internal.cluster;

/**
 * The Lua text of the pool controls that both the coordinator (through Redisson) and clients (through Jedis) run
 * on the pool record; each touches only {@code aa:{ns}:*} keys, so it runs on one cluster slot.
 */
public final class ControlScripts {
    /** KEYS[1]=pool; ARGV: size, partitions. Creates the missing fields of the pool record; returns 1. */
    public static final String ENSURE_POOL = """
            redis.call('HSETNX', KEYS[1], 'size', ARGV[1])
            redis.call('HSETNX', KEYS[1], 'state', 'running')
            redis.call('HSETNX', KEYS[1], 'partitions', ARGV[2])
            redis.call('HSETNX', KEYS[1], 'epoch', '0')
            redis.call('HSETNX', KEYS[1], 'version', '0')
            redis.call('HSETNX', KEYS[1], 'leader', '')
            return 1
            """;

    /** KEYS[1]=pool; ARGV: field, value, notify channel. A control command: set one field and announce it. */
    public static final String SET_POOL_FIELD = """
            redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
            redis.call('PUBLISH', ARGV[3], '*')
            return 1
            """;

    private ControlScripts() {
    }
}
