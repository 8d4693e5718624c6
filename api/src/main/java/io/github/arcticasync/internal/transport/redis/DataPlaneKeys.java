package io.github.arcticasync.internal.transport.redis;

import io.github.arcticasync.internal.cluster.Keys;

import java.nio.charset.StandardCharsets;

/**
 * The transport-private keys, next to {@link Keys}: per request, its submit marker and its set of foreign waiters
 * (both in the partition's slot, so the submit and complete scripts use them atomically); per client, its reply
 * stream (a slot of its own).
 */
public final class DataPlaneKeys {
    /** Field names of a request stream entry. */
    public static final String ID = "id";
    public static final String ENVELOPE = "env";
    /** Field naming the key that holds a large request envelope (staged outside Lua; see {@link #stagedEnvelope}). */
    public static final String ENVELOPE_KEY = "envkey";
    public static final String REPLY = "reply";
    /** Field of a reply stream entry holding the result envelope when it is small enough to travel inline. */
    public static final String RESULT = "res";

    private DataPlaneKeys() {
    }

    /** Marks a request as enqueued (dedupes a retried submit) until its result exists. */
    public static String submitMarker(Keys keys, int p, String requestId) {
        return keys.partitionKey(p, "sub:" + requestId);
    }

    /**
     * Where the submitter writes a large request envelope before the submit script enqueues an entry naming it
     * (large values stay out of Lua, which hashes every byte of a string it is given); deleted on completion.
     */
    public static String stagedEnvelope(Keys keys, int p, String requestId) {
        return keys.partitionKey(p, "env:" + requestId);
    }

    /**
     * Where worker {@code workerId} writes a large result of {@code requestId} before its complete script moves it to
     * the result key (large values stay out of Lua, which hashes every byte of a string it is given).
     */
    public static String stagedResult(Keys keys, int p, String requestId, String workerId) {
        return keys.partitionKey(p, "stage:" + requestId + ":" + workerId);
    }

    /** The reply streams of processes other than the submitter that wait for {@code requestId}. */
    public static String watchers(Keys keys, int p, String requestId) {
        return keys.partitionKey(p, "watch:" + requestId);
    }

    /** The stream on which workers tell client {@code clientId} that its requests have results. */
    public static String replyStream(Keys keys, String clientId) {
        Keys.requireWorkerId(clientId);
        return "aa:{" + keys.namespace() + ":c:" + clientId + "}:reply";
    }

    public static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
