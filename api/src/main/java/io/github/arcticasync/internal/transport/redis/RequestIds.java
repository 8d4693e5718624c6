package io.github.arcticasync.internal.transport.redis;

import java.util.OptionalInt;
import java.util.UUID;

/**
 * Request ids of the Redis transport: {@code <partition>-<uuid>}. The partition prefix lets any process holding only
 * the id find the request's keys (its result key lives in the partition's hash-tag family), as
 * {@code aa.request(id)} from another JVM must.
 */
public final class RequestIds {
    private RequestIds() {
    }

    /** A new id for a request on partition {@code partition}. */
    public static String newId(int partition) {
        if (partition < 0) {
            throw new IllegalArgumentException("partition must not be negative, was " + partition);
        }
        return partition + "-" + UUID.randomUUID();
    }

    /** The partition encoded in {@code id}, or empty when {@code id} is not an id of this transport for P partitions. */
    public static OptionalInt partitionOf(String id, int partitions) {
        if (id == null) {
            return OptionalInt.empty();
        }
        int dash = id.indexOf('-');
        if (dash < 1 || dash > 4 || dash == id.length() - 1) {
            return OptionalInt.empty();
        }
        int p = 0;
        for (int i = 0; i < dash; i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalInt.empty();
            }
            p = p * 10 + (c - '0');
        }
        return p < partitions ? OptionalInt.of(p) : OptionalInt.empty();
    }
}
