package io.github.arcticasync.internal.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The Redis key layout of one namespace (one pool): every key and channel name the client transport, the workers
 * and the coordinators use, and the partition function that routes a (library, symbol) to its stream.
 *
 * <p>Two hash-tag families keep Redis Cluster happy:
 * <ul>
 *   <li>{@code aa:{ns:p}:*} — everything one partition {@code p} touches (its request stream, results, owner,
 *       counters, closed marker) shares one slot, so a Lua script may use them together;</li>
 *   <li>{@code aa:{ns}:*} — the control plane (pool record, worker registry, leases, assignments, leader lock,
 *       dead-letter stream) shares another slot, so the leader's fenced writes are single-slot scripts.</li>
 * </ul>
 * No script ever mixes the two families.
 */
public final class Keys {

    /** Partitions of a namespace unless its pool record says otherwise; fixed for the life of the namespace. */
    public static final int DEFAULT_PARTITIONS = 64;
    /** Upper bound on partitions, so a typo cannot create millions of streams. */
    public static final int MAX_PARTITIONS = 4096;
    /** The one consumer group on every partition stream; consumers are named by worker id. */
    public static final String CONSUMER_GROUP = "aa-workers";

    private static final String PREFIX = "aa:";
    private static final Pattern NAMESPACE = Pattern.compile("[A-Za-z0-9_.\\-]{1,64}");
    private static final Pattern WORKER_ID = Pattern.compile("[A-Za-z0-9_.@\\-]{1,128}");

    private final String namespace;
    private final int partitions;

    private Keys(String namespace, int partitions) {
        this.namespace = namespace;
        this.partitions = partitions;
    }

    /**
     * The keys of {@code namespace} with {@code partitions} partitions.
     *
     * @throws IllegalArgumentException if the namespace is not 1–64 of {@code [A-Za-z0-9_.-]} or the partition count
     *                                  is outside 1..{@value #MAX_PARTITIONS}
     */
    public static Keys of(String namespace, int partitions) {
        requireNamespace(namespace);
        requirePartitionCount(partitions);
        return new Keys(namespace, partitions);
    }

    /** The keys of {@code namespace} with {@link #DEFAULT_PARTITIONS} partitions. */
    public static Keys of(String namespace) {
        return of(namespace, DEFAULT_PARTITIONS);
    }

    /** The namespace these keys belong to. */
    public String namespace() {
        return namespace;
    }

    /** The number of partitions P. */
    public int partitions() {
        return partitions;
    }

    /**
     * The partition of a (library, symbol): {@code CRC32(utf8(library) ‖ 0x00 ‖ utf8(symbol)) mod P}, where a null
     * library or symbol counts as the empty string. Stable across JVMs and releases: changing it would split one
     * symbol's queue across two streams and break per-symbol order.
     */
    public int partitionOf(String library, String symbol) {
        return partitionOf(library, symbol, partitions);
    }

    /** {@link #partitionOf(String, String)} for an explicit partition count. */
    public static int partitionOf(String library, String symbol, int partitions) {
        requirePartitionCount(partitions);
        CRC32 crc = new CRC32();
        crc.update(bytes(library));
        crc.update(0);
        crc.update(bytes(symbol));
        return (int) (crc.getValue() % partitions);
    }

    // ---- per-partition keys: hash tag {ns:p} ----

    /** The request stream of partition {@code p} (XADD by clients, XREADGROUP by its owner). */
    public String requestStream(int p) {
        return partitionKey(p, "req");
    }

    /** The result of request {@code requestId} queued on partition {@code p} (written by the worker, with a TTL). */
    public String result(int p, String requestId) {
        requireText(requestId, "requestId");
        return partitionKey(p, "res:" + requestId);
    }

    /**
     * The owner of partition {@code p}: a string holding the id of the worker consuming it. A worker sets it (SET NX)
     * before its first read and deletes it (compare-and-delete) once it has stopped reading and finished every
     * request it took from {@code p}; the coordinator deletes it when the owner's lease lapsed.
     */
    public String owner(int p) {
        return partitionKey(p, "owner");
    }

    /** The counters of partition {@code p}, fields named by {@link StatCounter#field()}. */
    public String stats(int p) {
        return partitionKey(p, "stats");
    }

    /**
     * The closed marker of partition {@code p}: while this key exists, submits to {@code p} are refused. Set on every
     * partition when the pool leaves {@link PoolState#RUNNING}, deleted when it reopens; the submit script checks it
     * in the same atomic step as the XADD.
     */
    public String closed(int p) {
        return partitionKey(p, "closed");
    }

    /** Any further key of partition {@code p}, {@code aa:{ns:p}:<suffix>}, for transport-private keys. */
    public String partitionKey(int p, String suffix) {
        requirePartition(p);
        requireText(suffix, "suffix");
        return PREFIX + "{" + namespace + ":" + p + "}:" + suffix;
    }

    // ---- control-plane keys: hash tag {ns} ----

    /** The pool record, a hash encoded by {@link PoolRecord}. */
    public String pool() {
        return nsKey("pool");
    }

    /** The set of registered worker ids; a member whose {@link #lease(String)} key is gone is dead. */
    public String workers() {
        return nsKey("workers");
    }

    /** The lease of one worker, a hash encoded by {@link WorkerLease} whose PEXPIRE is the lease time. */
    public String lease(String workerId) {
        return nsKey("worker:" + requireWorkerId(workerId));
    }

    /** The assignment of one worker, a hash encoded by {@link Assignment}, written only by the leader. */
    public String assignment(String workerId) {
        return nsKey("assign:" + requireWorkerId(workerId));
    }

    /** The dead-letter stream: undecodable or poisoned requests with the reason. */
    public String deadLetters() {
        return nsKey("dead");
    }

    /** The name of the leader lock (a Redisson lock) the coordinators compete for. */
    public String leaderLock() {
        return nsKey("leader");
    }

    /**
     * The pub/sub channel on which the leader announces a changed assignment (message: the worker id) and pool
     * changes (message: {@code "*"}). A hint only: workers also poll, so a lost message delays, never breaks.
     */
    public String notifyChannel() {
        return nsKey("notify");
    }

    private String nsKey(String suffix) {
        return PREFIX + "{" + namespace + "}:" + suffix;
    }

    // ---- validation shared by all users of the layout ----

    /** Checks a namespace name and returns it. */
    public static String requireNamespace(String namespace) {
        if (namespace == null || !NAMESPACE.matcher(namespace).matches()) {
            throw new IllegalArgumentException(
                    "namespace must be 1-64 characters of [A-Za-z0-9_.-], got '" + namespace + "'");
        }
        return namespace;
    }

    /** Checks a worker id (1–128 characters of {@code [A-Za-z0-9_.@-]}) and returns it. */
    public static String requireWorkerId(String workerId) {
        if (workerId == null || !WORKER_ID.matcher(workerId).matches()) {
            throw new IllegalArgumentException(
                    "worker id must be 1-128 characters of [A-Za-z0-9_.@-], got '" + workerId + "'");
        }
        return workerId;
    }

    /** Checks a partition count and returns it. */
    public static int requirePartitionCount(int partitions) {
        if (partitions < 1 || partitions > MAX_PARTITIONS) {
            throw new IllegalArgumentException(
                    "partitions must be between 1 and " + MAX_PARTITIONS + ", got " + partitions);
        }
        return partitions;
    }

    private void requirePartition(int p) {
        if (p < 0 || p >= partitions) {
            throw new IllegalArgumentException(
                    "partition must be between 0 and " + (partitions - 1) + ", got " + p);
        }
    }

    private static void requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }

    private static byte[] bytes(String value) {
        return value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "Keys[" + namespace + ", " + partitions + " partitions]";
    }
}
