package io.github.arcticasync.internal.transport.redis;

import io.github.arcticasync.internal.cluster.Keys;
import io.github.arcticasync.internal.cluster.PoolRecord;
import io.github.arcticasync.internal.cluster.PoolState;
import io.github.arcticasync.internal.cluster.StatCounter;
import io.github.arcticasync.internal.cluster.WorkerLease;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The client's view of the cluster control plane, over Jedis: the pool record, the cluster-wide resize (the same
 * writes as the coordinator's {@code ControlCommands}: HSET + publish, applied by the leader on its next tick), the
 * reopen of a shut-down pool, the live workers' reported capacity and the summed request counters.
 */
public final class PoolControl {
    private final RedisConnections connections;
    private final String namespace;

    public PoolControl(RedisConnections connections, String namespace) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.namespace = Keys.requireNamespace(namespace);
    }

    /** Creates the pool record if absent (size and partition count only where missing) and returns what is stored. */
    public PoolRecord ensurePool(int defaultSize, int partitions) {
        PoolRecord.requireSize(defaultSize);
        Keys keys = Keys.of(namespace, partitions);
        Map<String, String> hash = connections.with(jedis -> {
            StreamScripts.ENSURE_POOL.run(jedis, List.of(DataPlaneKeys.bytes(keys.pool())),
                    List.of(DataPlaneKeys.bytes(Integer.toString(defaultSize)),
                            DataPlaneKeys.bytes(Integer.toString(partitions))));
            return jedis.hgetAll(keys.pool());
        });
        return decode(hash);
    }

    /** The pool record. */
    public PoolRecord pool() {
        return decode(connections.with(jedis -> jedis.hgetAll(Keys.of(namespace).pool())));
    }

    private PoolRecord decode(Map<String, String> hash) {
        try {
            return PoolRecord.fromHash(hash);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("pool record of namespace " + namespace + " is malformed: "
                    + e.getMessage(), e);
        }
    }

    /** Sets the cluster-wide pool size; the leader rebalances on its next tick. */
    public void resize(int size) {
        PoolRecord.requireSize(size);
        setField(PoolRecord.SIZE, Integer.toString(size));
    }

    /** Reopens a draining or terminated pool: state running, closed markers cleared. */
    public void reopen(Keys keys) {
        setField(PoolRecord.STATE, PoolState.RUNNING.wireName());
        connections.with(jedis -> {
            Pipeline pipe = jedis.pipelined();
            for (int p = 0; p < keys.partitions(); p++) {
                pipe.del(keys.closed(p));
            }
            pipe.sync();
            return null;
        });
    }

    private void setField(String field, String value) {
        Keys keys = Keys.of(namespace);
        connections.with(jedis -> StreamScripts.SET_POOL_FIELD.run(jedis, List.of(DataPlaneKeys.bytes(keys.pool())),
                List.of(DataPlaneKeys.bytes(field), DataPlaneKeys.bytes(value),
                        DataPlaneKeys.bytes(keys.notifyChannel()))));
    }

    /**
     * The sum over live workers (those with a lease) of the capacity they report: an upper bound on the requests
     * running across the cluster.
     */
    public int liveCapacity() {
        Keys keys = Keys.of(namespace);
        return connections.with(jedis -> {
            Set<String> workers = jedis.smembers(keys.workers());
            Pipeline pipe = jedis.pipelined();
            List<Response<String>> capacities = new ArrayList<>();
            for (String w : workers) {
                capacities.add(pipe.hget(keys.lease(w), WorkerLease.CAPACITY));
            }
            pipe.sync();
            int sum = 0;
            for (Response<String> c : capacities) {
                if (c.get() != null) {
                    sum += Integer.parseInt(c.get());
                }
            }
            return sum;
        });
    }

    /** One cluster counter summed over all partitions, in one pipeline. */
    public long counter(Keys keys, StatCounter counter) {
        return connections.with(jedis -> {
            Pipeline pipe = jedis.pipelined();
            List<Response<String>> values = new ArrayList<>(keys.partitions());
            for (int p = 0; p < keys.partitions(); p++) {
                values.add(pipe.hget(keys.stats(p), counter.field()));
            }
            pipe.sync();
            long sum = 0;
            for (Response<String> v : values) {
                if (v.get() != null) {
                    sum += Long.parseLong(v.get());
                }
            }
            return sum;
        });
    }
}
