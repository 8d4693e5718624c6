package io.github.arcticasync.coordinator.internal;

import io.github.arcticasync.internal.cluster.Keys;
import io.github.arcticasync.internal.cluster.StatCounter;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Reads the cluster counters: the sum of every partition's stats hash ({@link Keys#stats(int)}), in one pipeline. */
public final class PoolStats {

    /**
     * The cluster counters since the namespace was created.
     *
     * @param submitted    requests accepted onto a stream
     * @param completed    requests finished with a result
     * @param failed       requests finished with an error
     * @param reclaimed    pending entries taken over from dead or departed workers
     * @param deadLettered entries moved to the dead-letter stream
     */
    public record Counters(long submitted, long completed, long failed, long reclaimed, long deadLettered) {

        /** Requests that reached an end: completed, failed or dead-lettered. */
        public long finished() {
            return completed + failed + deadLettered;
        }

        /** Requests submitted but not finished: queued or running (never negative). */
        public long outstanding() {
            return Math.max(0, submitted - finished());
        }
    }

    private final RedissonClient redis;
    private final Keys keys;

    /** Stats of the namespace and partition count in {@code keys}. */
    public PoolStats(RedissonClient redis, Keys keys) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /**
     * Reads and sums all partitions' counters; a missing field counts as 0.
     *
     * @throws IllegalStateException if a counter holds something other than an integer
     */
    public Counters read() {
        RBatch batch = redis.createBatch();
        List<RFuture<Map<String, String>>> futures = new ArrayList<>();
        for (int p = 0; p < keys.partitions(); p++) {
            futures.add(batch.<String, String>getMap(keys.stats(p), StringCodec.INSTANCE).readAllMapAsync());
        }
        batch.execute();
        Map<StatCounter, Long> sums = new EnumMap<>(StatCounter.class);
        for (int p = 0; p < futures.size(); p++) {
            Map<String, String> hash = futures.get(p).toCompletableFuture().join();
            for (StatCounter counter : StatCounter.values()) {
                String value = hash.get(counter.field());
                if (value != null) {
                    try {
                        sums.merge(counter, Long.parseLong(value), Long::sum);
                    } catch (NumberFormatException e) {
                        throw new IllegalStateException(
                                keys.stats(p) + " field " + counter.field() + " is not an integer: '" + value + "'", e);
                    }
                }
            }
        }
        return new Counters(sums.getOrDefault(StatCounter.SUBMITTED, 0L), sums.getOrDefault(StatCounter.COMPLETED, 0L),
                sums.getOrDefault(StatCounter.FAILED, 0L), sums.getOrDefault(StatCounter.RECLAIMED, 0L),
                sums.getOrDefault(StatCounter.DEAD_LETTERED, 0L));
    }
}
