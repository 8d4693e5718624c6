package io.github.arcticasync.worker.internal;

import io.github.arcticasync.internal.cluster.Keys;
import io.github.arcticasync.internal.cluster.WorkerLease;
import io.github.arcticasync.internal.transport.redis.RedisConnections;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

import java.time.Duration;
import java.util.Map;

/**
 * The worker's registration and lease (docs/cluster.md, worker contract 1, 2 and 5): SADD to the registry and a lease
 * hash with PEXPIRE at start, HSET + PEXPIRE every heartbeat, DEL + SREM on a clean exit.
 */
public final class WorkerHeartbeat {
    private final RedisConnections connections;
    private final Keys keys;
    private final String workerId;
    private final String host;
    private final long pid;
    private final int maxThreads;
    private final Duration lease;
    private final long startedAt;

    public WorkerHeartbeat(RedisConnections connections, Keys keys, String workerId, String host, int maxThreads,
                           Duration lease) {
        this.connections = connections;
        this.keys = keys;
        this.workerId = workerId;
        this.host = host;
        this.pid = ProcessHandle.current().pid();
        this.maxThreads = maxThreads;
        this.lease = lease;
        this.startedAt = System.currentTimeMillis();
    }

    /** Registers (again) with capacity 0, status running and nothing applied. */
    public void register() {
        WorkerLease initial = new WorkerLease(workerId, host, pid, maxThreads, 0, WorkerLease.Status.RUNNING, 0, 0,
                startedAt, System.currentTimeMillis(), lease);
        connections.with(jedis -> {
            Pipeline pipe = jedis.pipelined();
            pipe.sadd(keys.workers(), workerId);
            pipe.hset(keys.lease(workerId), initial.toHash());
            pipe.pexpire(keys.lease(workerId), lease.toMillis());
            pipe.sync();
            return null;
        });
    }

    /**
     * Renews the lease with the current figures.
     *
     * @return false if the lease had lapsed (the key was gone): the worker has been declared dead
     */
    public boolean renew(int capacity, WorkerLease.Status status, long appliedEpoch, long appliedVersion) {
        return connections.with(jedis -> {
            Pipeline pipe = jedis.pipelined();
            Response<Long> alive = pipe.pexpire(keys.lease(workerId), lease.toMillis());
            pipe.sync();
            if (alive.get() == 0) {
                return false;
            }
            Pipeline update = jedis.pipelined();
            update.hset(keys.lease(workerId), Map.of(
                    WorkerLease.CAPACITY, Integer.toString(capacity),
                    WorkerLease.STATUS, status.wireName(),
                    WorkerLease.APPLIED_EPOCH, Long.toString(appliedEpoch),
                    WorkerLease.APPLIED_VERSION, Long.toString(appliedVersion),
                    WorkerLease.RENEWED_AT, Long.toString(System.currentTimeMillis())));
            update.pexpire(keys.lease(workerId), lease.toMillis());
            update.sync();
            return true;
        });
    }

    /** Deletes the lease and leaves the registry. */
    public void deregister() {
        connections.with(jedis -> {
            Pipeline pipe = jedis.pipelined();
            pipe.del(keys.lease(workerId));
            pipe.srem(keys.workers(), workerId);
            pipe.sync();
            return null;
        });
    }
}
