package io.github.arcticasync.internal.cluster;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A worker's registration and heartbeat: the hash at {@link Keys#lease(String)}, written only by that worker, whose
 * Redis PEXPIRE is the lease. The worker renews it every heartbeat; when the key is gone the worker is dead, judged by
 * Redis's own clock, so clock skew between machines does not matter.
 *
 * @param workerId       the worker's id, also its consumer name on every partition stream
 * @param host           the host it runs on (for operators)
 * @param pid            its process id (for operators)
 * @param maxThreads     the most requests it can run at once, whatever the pool size (0 = it takes no work)
 * @param capacity       the thread allotment it honours right now: {@code max(applied allotment, requests running)};
 *                       it stays above a lowered allotment until the surplus requests finish, and the leader grants
 *                       threads elsewhere only out of what capacities leave free
 * @param status         running, or draining (leaving: plan nothing new for it)
 * @param appliedEpoch   the epoch of the assignment it last applied (0 = none)
 * @param appliedVersion the version of the assignment it last applied (0 = none)
 * @param startedAt      when it started, epoch milliseconds
 * @param renewedAt      when it last renewed, epoch milliseconds (its own clock; informational)
 * @param lease          the lease time it set with PEXPIRE (3 × its heartbeat interval)
 */
public record WorkerLease(String workerId, String host, long pid, int maxThreads, int capacity, Status status,
                          long appliedEpoch, long appliedVersion, long startedAt, long renewedAt, Duration lease) {

    /** Whether a worker takes new work. */
    public enum Status {
        /** Takes work as assigned. */
        RUNNING,
        /** Leaving (SIGTERM): finishing in-flight requests; the leader moves its partitions away. */
        DRAINING;

        /** The stored value. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses a stored value, naming it when it is unknown. */
        public static Status fromWire(String value) {
            for (Status status : values()) {
                if (status.wireName().equals(value)) {
                    return status;
                }
            }
            throw new IllegalArgumentException("unknown worker status '" + value + "' (expected running or draining)");
        }
    }

    public static final String WORKER = "worker";
    public static final String HOST = "host";
    public static final String PID = "pid";
    public static final String MAX_THREADS = "maxThreads";
    public static final String CAPACITY = "capacity";
    public static final String STATUS = "status";
    public static final String APPLIED_EPOCH = "appliedEpoch";
    public static final String APPLIED_VERSION = "appliedVersion";
    public static final String STARTED_AT = "startedAt";
    public static final String RENEWED_AT = "renewedAt";
    public static final String LEASE_MILLIS = "leaseMillis";

    /** Validates every field. */
    public WorkerLease {
        Keys.requireWorkerId(workerId);
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(lease, "lease");
        if (maxThreads < 0 || capacity < 0) {
            throw new IllegalArgumentException(
                    "maxThreads and capacity must not be negative, got " + maxThreads + "/" + capacity);
        }
        if (appliedEpoch < 0 || appliedVersion < 0) {
            throw new IllegalArgumentException("applied epoch/version must not be negative");
        }
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("lease must be positive, got " + lease);
        }
    }

    /** Whether the leader should plan work for this worker. */
    public boolean takesWork() {
        return status == Status.RUNNING && maxThreads > 0;
    }

    /** The hash encoding. */
    public Map<String, String> toHash() {
        Map<String, String> hash = new LinkedHashMap<>();
        hash.put(WORKER, workerId);
        hash.put(HOST, host);
        hash.put(PID, Long.toString(pid));
        hash.put(MAX_THREADS, Integer.toString(maxThreads));
        hash.put(CAPACITY, Integer.toString(capacity));
        hash.put(STATUS, status.wireName());
        hash.put(APPLIED_EPOCH, Long.toString(appliedEpoch));
        hash.put(APPLIED_VERSION, Long.toString(appliedVersion));
        hash.put(STARTED_AT, Long.toString(startedAt));
        hash.put(RENEWED_AT, Long.toString(renewedAt));
        hash.put(LEASE_MILLIS, Long.toString(lease.toMillis()));
        return hash;
    }

    /**
     * Decodes a lease hash.
     *
     * @throws IllegalArgumentException naming the field that is missing or malformed
     */
    public static WorkerLease fromHash(Map<String, String> hash) {
        String what = "worker lease";
        return new WorkerLease(
                HashFields.text(hash, what, WORKER),
                HashFields.text(hash, what, HOST),
                HashFields.number(hash, what, PID),
                HashFields.intNumber(hash, what, MAX_THREADS),
                HashFields.intNumber(hash, what, CAPACITY),
                Status.fromWire(HashFields.text(hash, what, STATUS)),
                HashFields.number(hash, what, APPLIED_EPOCH),
                HashFields.number(hash, what, APPLIED_VERSION),
                HashFields.number(hash, what, STARTED_AT),
                HashFields.number(hash, what, RENEWED_AT),
                Duration.ofMillis(HashFields.number(hash, what, LEASE_MILLIS)));
    }
}
