package io.github.arcticasync.worker.internal;

import io.github.arcticasync.asynchronous.AsyncArcticException;
import io.github.arcticasync.internal.cluster.Keys;
import io.github.arcticasync.internal.cluster.StatCounter;
import io.github.arcticasync.internal.protocol.EnvelopeCodec;
import io.github.arcticasync.internal.protocol.ResultEnvelope;
import io.github.arcticasync.internal.transport.redis.DataPlaneKeys;
import io.github.arcticasync.internal.transport.redis.DeadLetterFields;
import io.github.arcticasync.internal.transport.redis.LuaScript;
import io.github.arcticasync.internal.transport.redis.RedisConnections;
import io.github.arcticasync.internal.transport.redis.StreamEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves entries that cannot or must not run — undecodable, or delivered too often without completing — to the
 * dead-letter stream {@link Keys#deadLetters()} with the reason, then acks them. When the entry names its request id,
 * the waiters get an error result saying why (through the {@link ResultPoster}, counted as {@code deadLettered}), so
 * nobody waits for a request that will never run. The XADD comes first: a crash in between can write a dead letter
 * twice, never lose one.
 */
public final class DeadLetters {
    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    /** KEYS: owner, stream, stats; ARGV: worker, entry id, group. Fenced ack + count of an entry with no request id. */
    private static final LuaScript ACK_DEAD = new LuaScript("ack-dead", """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
            redis.call('XACK', KEYS[2], ARGV[3], ARGV[2])
            redis.call('HINCRBY', KEYS[3], 'deadLettered', 1)
            return 1
            """);

    private final RedisConnections connections;
    private final Keys keys;
    private final String workerId;
    private final EnvelopeCodec codec;
    private final ResultPoster poster;
    private final WorkerMetrics metrics;

    public DeadLetters(RedisConnections connections, Keys keys, String workerId, EnvelopeCodec codec,
                       ResultPoster poster, WorkerMetrics metrics) {
        this.connections = connections;
        this.keys = keys;
        this.workerId = workerId;
        this.codec = codec;
        this.poster = poster;
        this.metrics = metrics;
    }

    /**
     * Dead-letters {@code entry} of partition {@code p}. With a request id, the error result is posted and
     * the worker lets go of the entry once it is posted (via the poster's callback); without one, it is acked here at once and the
     * caller's in-flight count is not involved.
     *
     * @return true if the entry was handed to the poster (so it counts as in flight until posted)
     */
    public boolean deadLetter(int p, StreamEntry entry, String reason, int deliveries) {
        String requestId = entry.text(DataPlaneKeys.ID);
        log.warn("{} - dead-lettering entry {} of partition {} (request {}): {}", workerId, entry.id(), p, requestId,
                reason);
        connections.with(jedis -> {
            java.util.List<byte[]> args = new java.util.ArrayList<>(List.of(
                    DataPlaneKeys.bytes(keys.deadLetters()), DataPlaneKeys.bytes("MAXLEN"), DataPlaneKeys.bytes("~"),
                    DataPlaneKeys.bytes(Integer.toString(DeadLetterFields.KEPT)), DataPlaneKeys.bytes("*"),
                    DataPlaneKeys.bytes(DeadLetterFields.STREAM), DataPlaneKeys.bytes(keys.requestStream(p)),
                    DataPlaneKeys.bytes(DeadLetterFields.ENTRY), DataPlaneKeys.bytes(entry.id()),
                    DataPlaneKeys.bytes(DeadLetterFields.REQUEST),
                    DataPlaneKeys.bytes(requestId == null ? "" : requestId),
                    DataPlaneKeys.bytes(DeadLetterFields.REASON), DataPlaneKeys.bytes(reason),
                    DataPlaneKeys.bytes(DeadLetterFields.DELIVERIES), DataPlaneKeys.bytes(Integer.toString(deliveries)),
                    DataPlaneKeys.bytes(DeadLetterFields.WORKER), DataPlaneKeys.bytes(workerId)));
            byte[] env = entry.fields().get(DataPlaneKeys.ENVELOPE);
            String envKey = entry.text(DataPlaneKeys.ENVELOPE_KEY);
            if (env == null && envKey != null) {
                env = jedis.get(DataPlaneKeys.bytes(envKey)); // staged: keep a copy, completing deletes the key
            }
            if (env != null) {
                args.add(DataPlaneKeys.bytes(DataPlaneKeys.ENVELOPE));
                args.add(env);
            }
            return jedis.sendCommand(redis.clients.jedis.Protocol.Command.XADD, args.toArray(new byte[0][]));
        });
        metrics.deadLettered();
        if (requestId != null && !requestId.isEmpty()) {
            Instant now = Instant.now();
            byte[] result = codec.encodeResult(ResultEnvelope.failure(requestId, new AsyncArcticException(
                    "Request " + requestId + " was moved to the dead-letter stream " + keys.deadLetters() + ": "
                            + reason), now, now, workerId));
            poster.post(new ResultPoster.Posting(new Task(p, entry.id(), requestId, entry.text(DataPlaneKeys.REPLY),
                    null, deliveries), result, StatCounter.DEAD_LETTERED));
            return true;
        }
        connections.with(jedis -> ACK_DEAD.run(jedis,
                List.of(DataPlaneKeys.bytes(keys.owner(p)), DataPlaneKeys.bytes(keys.requestStream(p)),
                        DataPlaneKeys.bytes(keys.stats(p))),
                List.of(DataPlaneKeys.bytes(workerId), DataPlaneKeys.bytes(entry.id()),
                        DataPlaneKeys.bytes(Keys.CONSUMER_GROUP))));
        return false;
    }
}
