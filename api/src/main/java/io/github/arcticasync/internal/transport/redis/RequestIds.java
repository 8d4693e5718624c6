package io.github.arcticasync.internal.transport.redis;

import java.security.SecureRandom;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Request ids of the Redis transport: {@code <partition>-<uuid>}. The partition prefix lets any process holding only
 * the id find the request's keys (its result key lives in the partition's hash-tag family), as
 * {@code aa.request(id)} from another JVM must.
 */
public final class RequestIds {
    private static final SecureRandom SEEDS = new SecureRandom();
    private static final ThreadLocal<SplittableRandom> RANDOM =
            ThreadLocal.withInitial(() -> new SplittableRandom(SEEDS.nextLong()));

    private RequestIds() {
    }

    /** A new id for a request on partition {@code partition}. */
    public static String newId(int partition) {
        if (partition < 0) {
            throw new IllegalArgumentException("partition must not be negative, was " + partition);
        }
        return partition + "-" + randomUuid();
    }

    /**
     * A random (version 4) UUID from a per-thread generator seeded once from {@link SecureRandom}: ids must be unique
     * across every JVM (a clash would dedupe a request away), not secret (anyone who can read the namespace's streams
     * sees them), and {@code UUID.randomUUID()}'s one shared SecureRandom serialises concurrent submitters.
     */
    private static UUID randomUuid() {
        SplittableRandom r = RANDOM.get();
        long msb = (r.nextLong() & ~0xF000L) | 0x4000L;
        long lsb = (r.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
        return new UUID(msb, lsb);
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
