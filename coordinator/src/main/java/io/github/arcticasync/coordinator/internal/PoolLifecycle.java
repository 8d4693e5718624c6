package io.github.arcticasync.coordinator.internal;

import io.github.arcticasync.internal.cluster.Keys;
import io.github.arcticasync.internal.cluster.PoolRecord;
import io.github.arcticasync.internal.cluster.PoolState;
import org.redisson.api.RScript;
import org.redisson.api.RStream;
import org.redisson.api.RedissonClient;
import org.redisson.api.StreamGroup;
import org.redisson.api.StreamInfo;
import org.redisson.api.StreamMessageId;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;

/**
 * The leader's part of the pool life cycle: keeps the partitions' closed markers in step with the pool state, and
 * moves a draining pool to {@link PoolState#TERMINATED} once every partition stream is fully processed (every entry
 * delivered to the consumer group and none pending).
 */
public final class PoolLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PoolLifecycle.class);

    private final RedissonClient redis;
    private final Keys keys;
    private final String coordinatorId;
    private PoolState markersFor;

    /** The life cycle of the namespace in {@code keys}. */
    public PoolLifecycle(RedissonClient redis, Keys keys, String coordinatorId) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.coordinatorId = coordinatorId;
    }

    /** Forgets what markers were set, so the next step re-asserts them (new leadership). */
    public void reset() {
        markersFor = null;
    }

    /**
     * One step as leader of {@code epoch}.
     *
     * @return false if a fenced write found that this coordinator has been deposed
     */
    public boolean step(long epoch, PoolRecord pool) {
        boolean closed = !pool.state().acceptsSubmits();
        // Set only on a change of state (and once per leadership): 64 writes per tick would be waste.
        if (markersFor == null || markersFor != pool.state()) {
            ControlCommands.setClosedMarkers(redis, keys, closed);
            markersFor = pool.state();
        }
        if (pool.state() == PoolState.DRAINING && drained()) {
            Long result = redis.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE,
                    PoolScripts.ADVANCE_STATE, RScript.ReturnType.INTEGER, List.of(keys.pool()),
                    Long.toString(epoch), PoolState.DRAINING.wireName(), PoolState.TERMINATED.wireName(),
                    keys.notifyChannel());
            if (result < 0) {
                return false;
            }
            if (result > 0) {
                log.info("{} - pool {} drained: terminated", coordinatorId, keys.namespace());
            }
        }
        return true;
    }

    /** Whether every partition stream has no undelivered and no pending entry. */
    boolean drained() {
        for (int p = 0; p < keys.partitions(); p++) {
            RStream<String, String> stream = redis.getStream(keys.requestStream(p), StringCodec.INSTANCE);
            if (!stream.isExists()) {
                continue;
            }
            StreamInfo<String, String> info = stream.getInfo();
            StreamGroup group = stream.listGroups().stream()
                    .filter(g -> Keys.CONSUMER_GROUP.equals(g.getName())).findFirst().orElse(null);
            if (group == null) {
                if (info.getLength() > 0) {
                    return false;
                }
                continue;
            }
            if (group.getPending() > 0 || isBefore(group.getLastDeliveredId(), info.getLastGeneratedId())) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBefore(StreamMessageId a, StreamMessageId b) {
        if (b == null) {
            return false;
        }
        if (a == null) {
            return true;
        }
        return a.getId0() != b.getId0() ? Long.compareUnsigned(a.getId0(), b.getId0()) < 0
                : Long.compareUnsigned(a.getId1(), b.getId1()) < 0;
    }
}
