package io.github.arcticasync.internal.transport.redis;

import io.github.arcticasync.internal.cluster.Keys;
import redis.clients.jedis.Jedis;

/** For cluster tests (also of the worker module, through this module's test jar): what a namespace's streams hold. */
public final class RequestStreamEntries {
    private RequestStreamEntries() {
    }

    /** Entries in all request streams of {@code keys}' namespace, delivered or not (trimmed ones are gone). */
    public static long count(Jedis jedis, Keys keys) {
        long entries = 0;
        for (int p = 0; p < keys.partitions(); p++) {
            entries += jedis.xlen(keys.requestStream(p));
        }
        return entries;
    }
}
