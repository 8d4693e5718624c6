package io.github.arcticasync.worker.internal;

import io.github.arcticasync.internal.cluster.Assignment;
import io.github.arcticasync.internal.cluster.Keys;
import io.github.arcticasync.internal.cluster.PoolRecord;
import io.github.arcticasync.internal.transport.redis.RedisConnections;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;

import java.util.Map;
import java.util.Optional;

/**
 * Reads the worker's assignment and the pool record each heartbeat and reports an assignment only when it is newer
 * than the one applied (higher epoch, or same epoch and higher version), so a deposed leader's late write is ignored.
 */
public final class AssignmentWatcher {
    private static final Logger log = LoggerFactory.getLogger(AssignmentWatcher.class);

    /** What one read found. */
    public record Reading(Optional<Assignment> newer, Optional<PoolRecord> pool) {
    }

    private final RedisConnections connections;
    private final Keys keys;
    private final String workerId;
    private Assignment applied;

    public AssignmentWatcher(RedisConnections connections, Keys keys, String workerId) {
        this.connections = connections;
        this.keys = keys;
        this.workerId = workerId;
    }

    public Reading read() {
        Map<String, String>[] read = connections.with(jedis -> {
            Pipeline pipe = jedis.pipelined();
            Response<Map<String, String>> a = pipe.hgetAll(keys.assignment(workerId));
            Response<Map<String, String>> p = pipe.hgetAll(keys.pool());
            pipe.sync();
            @SuppressWarnings("unchecked")
            Map<String, String>[] out = new Map[] {a.get(), p.get()};
            return out;
        });
        Optional<Assignment> newer = Optional.empty();
        if (!read[0].isEmpty()) {
            try {
                Assignment a = Assignment.fromHash(read[0]);
                if (a.isNewerThan(applied)) {
                    newer = Optional.of(a);
                }
            } catch (IllegalArgumentException e) {
                log.warn("{} - ignoring a malformed assignment: {}", workerId, e.getMessage());
            }
        }
        Optional<PoolRecord> pool = Optional.empty();
        if (!read[1].isEmpty()) {
            try {
                pool = Optional.of(PoolRecord.fromHash(read[1]));
            } catch (IllegalArgumentException e) {
                log.warn("{} - ignoring a malformed pool record: {}", workerId, e.getMessage());
            }
        }
        return new Reading(newer, pool);
    }

    /** Records that {@code assignment} is now the one applied. */
    public void applied(Assignment assignment) {
        this.applied = assignment;
    }

    public Assignment applied() {
        return applied;
    }

    /** Forgets what was applied (after the lease lapsed and the worker registered again). */
    public void reset() {
        applied = null;
    }
}
