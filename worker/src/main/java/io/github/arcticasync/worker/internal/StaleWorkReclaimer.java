package io.github.arcticasync.worker.internal;

import io.github.arcticasync.internal.cluster.Keys;
import io.github.arcticasync.internal.cluster.StatCounter;
import io.github.arcticasync.internal.transport.redis.DataPlaneKeys;
import io.github.arcticasync.internal.transport.redis.RedisConnections;
import io.github.arcticasync.internal.transport.redis.StreamEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisDataException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a worker does on taking a partition, before its first new read: create the consumer group (from id 0, so
 * entries queued before any group existed are read), then take over every pending entry — its own from an earlier
 * life and those of dead or departed owners (XAUTOCLAIM) — with their delivery counts, counting {@code reclaimed} for
 * the others'. The caller reruns them (or dead-letters those delivered too often).
 */
public final class StaleWorkReclaimer {
    private static final Logger log = LoggerFactory.getLogger(StaleWorkReclaimer.class);
    private static final int PAGE = 500;

    /** A pending entry taken over, with how many times it has now been delivered. */
    public record Reclaimed(StreamEntry entry, int deliveries) {
    }

    private final RedisConnections connections;
    private final Keys keys;
    private final String workerId;
    private final WorkerMetrics metrics;

    public StaleWorkReclaimer(RedisConnections connections, Keys keys, String workerId, WorkerMetrics metrics) {
        this.connections = connections;
        this.keys = keys;
        this.workerId = workerId;
        this.metrics = metrics;
    }

    /** Prepares partition {@code p} for reading and returns its pending entries, oldest first. */
    public List<Reclaimed> take(int p) {
        byte[] stream = DataPlaneKeys.bytes(keys.requestStream(p));
        byte[] group = DataPlaneKeys.bytes(Keys.CONSUMER_GROUP);
        byte[] me = DataPlaneKeys.bytes(workerId);
        return connections.with(jedis -> {
            try {
                jedis.sendCommand(Protocol.Command.XGROUP, DataPlaneKeys.bytes("CREATE"), stream, group,
                        DataPlaneKeys.bytes("0"), DataPlaneKeys.bytes("MKSTREAM"));
            } catch (JedisDataException e) {
                if (e.getMessage() == null || !e.getMessage().startsWith("BUSYGROUP")) {
                    throw e;
                }
            }
            Map<String, Integer> deliveries = new HashMap<>();
            int others = 0;
            String start = "-";
            while (true) {
                List<?> page = (List<?>) jedis.sendCommand(Protocol.Command.XPENDING, stream, group,
                        DataPlaneKeys.bytes(start), DataPlaneKeys.bytes("+"),
                        DataPlaneKeys.bytes(Integer.toString(PAGE)));
                for (Object o : page) {
                    List<?> row = (List<?>) o;
                    String id = StreamEntryText.of(row.get(0));
                    deliveries.put(id, ((Long) row.get(3)).intValue());
                    if (!StreamEntryText.of(row.get(1)).equals(workerId)) {
                        others++;
                    }
                    start = "(" + id;
                }
                if (page.size() < PAGE) {
                    break;
                }
            }
            List<Reclaimed> out = new ArrayList<>();
            if (deliveries.isEmpty()) {
                return out;
            }
            String cursor = "0-0";
            do {
                List<?> reply = (List<?>) jedis.sendCommand(Protocol.Command.XAUTOCLAIM, stream, group, me,
                        DataPlaneKeys.bytes("0"), DataPlaneKeys.bytes(cursor), DataPlaneKeys.bytes("COUNT"),
                        DataPlaneKeys.bytes(Integer.toString(PAGE)));
                cursor = StreamEntryText.of(reply.get(0));
                for (StreamEntry e : StreamEntry.fromEntries(keys.requestStream(p), reply.get(1))) {
                    out.add(new Reclaimed(e, deliveries.getOrDefault(e.id(), 0) + 1));
                }
            } while (!"0-0".equals(cursor));
            if (others > 0) {
                jedis.hincrBy(keys.stats(p), StatCounter.RECLAIMED.field(), others);
                metrics.reclaimed(others);
                log.info("{} - partition {}: reclaimed {} pending entries of other workers", workerId, p, others);
            }
            return out;
        });
    }

    /** Text of a raw reply element. */
    static final class StreamEntryText {
        private StreamEntryText() {
        }

        static String of(Object o) {
            return o instanceof byte[] b ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(o);
        }
    }
}
