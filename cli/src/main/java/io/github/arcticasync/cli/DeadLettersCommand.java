package io.github.arcticasync.cli;

import io.github.arcticasync.internal.cluster.Keys;
import io.github.arcticasync.internal.protocol.EnvelopeCodec;
import io.github.arcticasync.internal.protocol.RequestEnvelope;
import io.github.arcticasync.internal.transport.redis.DataPlaneKeys;
import io.github.arcticasync.internal.transport.redis.DeadLetterFields;
import io.github.arcticasync.internal.transport.redis.RedisUrl;
import io.github.arcticasync.internal.transport.redis.StreamEntry;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

/**
 * {@code arctic-async dead-letters}: the newest entries of a namespace's dead-letter stream, each with its request,
 * what it asked for (when its envelope still decodes) and why it will never run. Read-only: nothing replays a dead
 * letter; its caller submits it again.
 */
@Command(name = "dead-letters",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Lists the newest dead letters of a namespace: requests that will never run (undecodable, or delivered",
            "too often without completing), with the reason. Read-only; submit a request again to retry it."})
final class DeadLettersCommand implements Callable<Integer> {
    /** About what the stream keeps: more could rarely be shown. */
    static final int MAX_COUNT = DeadLetterFields.KEPT;

    /** Any operation name: a listing only reads, and embedded workers may run operations of their own. */
    private static final EnvelopeCodec CODEC = EnvelopeCodec.builder().operations(name -> true).build();

    @Spec
    private CommandSpec spec;

    @Mixin
    private RedisOptions redis;

    @Option(names = "--count", paramLabel = "N", defaultValue = "20",
            description = "How many to show, newest first (1-" + MAX_COUNT + ", default: ${DEFAULT-VALUE}).")
    private int count;

    @Override
    public Integer call() {
        if (count < 1 || count > MAX_COUNT) {
            throw new ParameterException(spec.commandLine(), "--count must be 1-" + MAX_COUNT + ", was " + count);
        }
        RedisUrl url = RedisUrl.parse(redis.redisUrl());
        Keys keys = Keys.of(redis.namespace());
        String key = keys.deadLetters();
        PrintWriter out = spec.commandLine().getOut();
        try (Jedis jedis = new Jedis(url.hostAndPort(), url.clientConfig("arctic-async-dead-letters",
                RedisUrl.DEFAULT_TIMEOUT))) {
            if (!jedis.exists(keys.pool())) {
                // A mistyped namespace would otherwise read as "no dead letters", which looks like all is well.
                spec.commandLine().getErr().println("dead-letters: namespace '" + redis.namespace()
                        + "' has no pool on " + redis.maskedRedisUrl());
                spec.commandLine().getErr().flush();
                return Main.EXIT_FAILURE;
            }
            long total = jedis.xlen(key);
            List<StreamEntry> newest = StreamEntry.fromEntries(key, jedis.sendCommand(Protocol.Command.XREVRANGE,
                    key, "+", "-", "COUNT", Integer.toString(count)));
            out.printf("dead letters  %d in %s on %s%s%n", total, key, redis.maskedRedisUrl(),
                    total == 0 ? "" : " (newest first, " + newest.size() + " shown)");
            for (StreamEntry e : newest) {
                print(out, e);
            }
        }
        out.flush();
        return Main.EXIT_OK;
    }

    static void print(PrintWriter out, StreamEntry e) {
        String request = e.text(DeadLetterFields.REQUEST);
        out.printf("%s  %s  request %s  %s  deliveries %s  worker %s%n", e.id(), when(e.id()),
                request == null || request.isEmpty() ? "(none)" : request, what(e.fields().get(DataPlaneKeys.ENVELOPE)),
                e.text(DeadLetterFields.DELIVERIES), e.text(DeadLetterFields.WORKER));
        out.printf("    reason: %s%n", e.text(DeadLetterFields.REASON));
    }

    /** When it was dead-lettered: the stream entry id starts with Redis's clock in ms. */
    private static String when(String entryId) {
        return Instant.ofEpochMilli(Long.parseLong(entryId.substring(0, entryId.indexOf('-')))).toString();
    }

    /** What the request asked for, from its envelope; a poison entry's may not decode, and that is shown as such. */
    private static String what(byte[] envelope) {
        if (envelope == null) {
            return "(no envelope)";
        }
        try {
            RequestEnvelope r = CODEC.decodeRequest(envelope);
            return r.operation() + " " + r.library() + (r.symbol() == null ? "" : "/" + r.symbol());
        } catch (RuntimeException undecodable) {
            return "(envelope does not decode)";
        }
    }
}
