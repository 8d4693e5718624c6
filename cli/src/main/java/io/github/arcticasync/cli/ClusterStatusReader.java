package io.github.arcticasync.cli;

import io.github.arcticasync.internal.cluster.Assignment;
import io.github.arcticasync.internal.cluster.Keys;
import io.github.arcticasync.internal.cluster.PoolRecord;
import io.github.arcticasync.internal.cluster.StatCounter;
import io.github.arcticasync.internal.cluster.WorkerLease;
import io.github.arcticasync.internal.transport.redis.EvictionPolicy;
import io.github.arcticasync.internal.transport.redis.RedisUrl;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.resps.StreamPendingSummary;

/**
 * Reads a namespace's {@link ClusterStatus} from Redis (docs/cluster.md's keys), in a few pipelines. Read-only: it
 * never writes to the cluster.
 */
final class ClusterStatusReader implements AutoCloseable {

    private final Jedis jedis;
    private final String namespace;

    /** A reader of {@code namespace} on the Redis at {@code redisUrl}; it connects at once. */
    ClusterStatusReader(String redisUrl, String namespace) {
        RedisUrl url = RedisUrl.parse(redisUrl);
        this.namespace = Keys.requireNamespace(namespace);
        this.jedis = new Jedis(url.hostAndPort(), url.clientConfig("arctic-async-status", RedisUrl.DEFAULT_TIMEOUT));
    }

    /**
     * The status, or empty when the namespace has no pool record (no coordinator or client has created it).
     *
     * @throws IllegalStateException if a stored record does not decode
     */
    Optional<ClusterStatus> read() {
        Map<String, String> poolHash = jedis.hgetAll(Keys.of(namespace).pool());
        if (poolHash.isEmpty()) {
            return Optional.empty();
        }
        PoolRecord pool;
        try {
            pool = PoolRecord.fromHash(poolHash);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("pool record of namespace " + namespace + " is malformed: "
                    + e.getMessage(), e);
        }
        Keys keys = Keys.of(namespace, pool.partitions());
        List<ClusterStatus.LiveWorker> live = new ArrayList<>();
        List<String> dead = new ArrayList<>();
        readWorkers(keys, live, dead);
        long[] queue = readQueue(keys);
        return Optional.of(new ClusterStatus(namespace, pool, live, dead, queue[0], queue[1], readCounters(keys),
                EvictionPolicy.of(jedis).orElse(null)));
    }

    /** Only the {@code completed} counter: the cheap read behind the throughput figure. */
    long completed() {
        PoolRecord pool = PoolRecord.fromHash(jedis.hgetAll(Keys.of(namespace).pool()));
        Keys keys = Keys.of(namespace, pool.partitions());
        Pipeline pipe = jedis.pipelined();
        List<Response<String>> values = new ArrayList<>();
        for (int p = 0; p < keys.partitions(); p++) {
            values.add(pipe.hget(keys.stats(p), StatCounter.COMPLETED.field()));
        }
        pipe.sync();
        long sum = 0;
        for (Response<String> v : values) {
            sum += v.get() == null ? 0 : Long.parseLong(v.get());
        }
        return sum;
    }

    private void readWorkers(Keys keys, List<ClusterStatus.LiveWorker> live, List<String> dead) {
        Set<String> ids = new TreeSet<>(jedis.smembers(keys.workers()));
        Pipeline pipe = jedis.pipelined();
        List<Response<Map<String, String>>> leases = new ArrayList<>();
        List<Response<Map<String, String>>> assignments = new ArrayList<>();
        for (String id : ids) {
            leases.add(pipe.hgetAll(keys.lease(id)));
            assignments.add(pipe.hgetAll(keys.assignment(id)));
        }
        pipe.sync();
        int i = 0;
        for (String id : ids) {
            Map<String, String> lease = leases.get(i).get();
            Map<String, String> assignment = assignments.get(i).get();
            i++;
            if (lease.isEmpty()) {
                dead.add(id);
                continue;
            }
            try {
                live.add(new ClusterStatus.LiveWorker(WorkerLease.fromHash(lease),
                        assignment.isEmpty() ? null : Assignment.fromHash(assignment)));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("lease or assignment of worker " + id + " is malformed: "
                        + e.getMessage(), e);
            }
        }
    }

    /** [entries in the streams, pending entries]; a stream without a consumer group has nothing pending. */
    private long[] readQueue(Keys keys) {
        Pipeline pipe = jedis.pipelined();
        List<Response<Long>> lengths = new ArrayList<>();
        List<Response<StreamPendingSummary>> pending = new ArrayList<>();
        for (int p = 0; p < keys.partitions(); p++) {
            lengths.add(pipe.xlen(keys.requestStream(p)));
            pending.add(pipe.xpending(keys.requestStream(p), Keys.CONSUMER_GROUP));
        }
        pipe.sync();
        long entries = 0;
        long delivered = 0;
        for (int p = 0; p < keys.partitions(); p++) {
            entries += lengths.get(p).get();
            try {
                delivered += pending.get(p).get().getTotal();
            } catch (JedisDataException noGroupYet) {
                // NOGROUP / no such key: no worker has read this partition yet, so nothing is pending on it.
            }
        }
        return new long[] {entries, delivered};
    }

    private ClusterStatus.Counters readCounters(Keys keys) {
        Pipeline pipe = jedis.pipelined();
        List<Response<Map<String, String>>> hashes = new ArrayList<>();
        for (int p = 0; p < keys.partitions(); p++) {
            hashes.add(pipe.hgetAll(keys.stats(p)));
        }
        pipe.sync();
        long[] sums = new long[StatCounter.values().length];
        for (int p = 0; p < hashes.size(); p++) {
            Map<String, String> hash = hashes.get(p).get();
            for (StatCounter counter : StatCounter.values()) {
                String value = hash.get(counter.field());
                if (value != null) {
                    try {
                        sums[counter.ordinal()] += Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalStateException(keys.stats(p) + " field " + counter.field()
                                + " is not an integer: '" + value + "'", e);
                    }
                }
            }
        }
        return new ClusterStatus.Counters(sums[StatCounter.SUBMITTED.ordinal()], sums[StatCounter.COMPLETED.ordinal()],
                sums[StatCounter.FAILED.ordinal()], sums[StatCounter.RECLAIMED.ordinal()],
                sums[StatCounter.DEAD_LETTERED.ordinal()]);
    }

    @Override
    public void close() {
        Objects.requireNonNull(jedis).close();
    }
}
