package io.github.arcticasync.coordinator;

import io.github.arcticasync.internal.cluster.Assignment;
import io.github.arcticasync.internal.cluster.Keys;
import io.github.arcticasync.internal.cluster.WorkerLease;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A stand-in for a real worker that follows the worker side of docs/cluster.md by writing the same keys directly:
 * registers a lease, applies its assignment (claims granted partitions, releases revoked ones, reports capacity) and
 * renews — or stops renewing, to play dead.
 */
final class FakeWorker {

    private final RedissonClient redis;
    private final Keys keys;
    private final String id;
    private final int maxThreads;
    private final Duration lease;
    private final TreeSet<Integer> owned = new TreeSet<>();
    private int capacity;
    private Assignment applied;

    FakeWorker(RedissonClient redis, Keys keys, String id, int maxThreads, Duration lease) {
        this.redis = redis;
        this.keys = keys;
        this.id = id;
        this.maxThreads = maxThreads;
        this.lease = lease;
    }

    String id() {
        return id;
    }

    /** Registers (SADD + lease hash with PEXPIRE), as a worker does at start. */
    FakeWorker register() {
        redis.getSet(keys.workers(), StringCodec.INSTANCE).add(id);
        renew();
        return this;
    }

    /** Writes the lease hash and resets its expiry, as every heartbeat does. */
    void renew() {
        long now = System.currentTimeMillis();
        WorkerLease value = new WorkerLease(id, "localhost", ProcessHandle.current().pid(), maxThreads, capacity,
                WorkerLease.Status.RUNNING, applied == null ? 0 : applied.epoch(), applied == null ? 0 : applied.version(),
                now, now, lease);
        var map = redis.<String, String>getMap(keys.lease(id), StringCodec.INSTANCE);
        map.putAll(value.toHash());
        map.expire(lease);
    }

    /** The assignment the leader wrote for this worker, or null. */
    Assignment assignment() {
        Map<String, String> hash = redis.<String, String>getMap(keys.assignment(id), StringCodec.INSTANCE).readAllMap();
        return hash.isEmpty() ? null : Assignment.fromHash(hash);
    }

    /**
     * Applies the newest assignment: releases partitions it lost (its in-flight work being "done" at once), claims
     * the ones it got (SET NX on the owner key), sets its capacity to the allotment, then renews.
     */
    void apply() {
        Assignment next = assignment();
        if (next != null && next.isNewerThan(applied)) {
            for (Integer p : new ArrayList<>(owned)) {
                if (!next.partitions().contains(p)) {
                    release(p);
                }
            }
            for (int p : next.partitions()) {
                if (!owned.contains(p)) {
                    var owner = redis.<String>getBucket(keys.owner(p), StringCodec.INSTANCE);
                    if (owner.setIfAbsent(id) || id.equals(owner.get())) {
                        owned.add(p);
                    }
                }
            }
            capacity = next.threads();
            applied = next;
        }
        renew();
    }

    /** Partitions whose owner key names this worker. */
    List<Integer> owned() {
        return List.copyOf(owned);
    }

    int capacity() {
        return capacity;
    }

    private void release(int p) {
        var owner = redis.<String>getBucket(keys.owner(p), StringCodec.INSTANCE);
        owner.compareAndSet(id, null);
        owned.remove(p);
    }
}
