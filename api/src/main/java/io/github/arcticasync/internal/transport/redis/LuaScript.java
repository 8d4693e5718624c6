package io.github.arcticasync.internal.transport.redis;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisNoScriptException;
import redis.clients.jedis.params.SetParams;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A Lua script run by its SHA-1 (EVALSHA), falling back to EVAL when the server does not know it yet — after a restart
 * or a SCRIPT FLUSH — which also loads it again.
 */
public final class LuaScript {
    private final String name;
    private final byte[] source;
    private final byte[] sha;

    public LuaScript(String name, String source) {
        this.name = name;
        this.source = source.getBytes(StandardCharsets.UTF_8);
        try {
            this.sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(this.source))
                    .getBytes(StandardCharsets.US_ASCII);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is missing from this JVM", e);
        }
    }

    /** Runs the script on {@code jedis}. */
    public Object run(Jedis jedis, List<byte[]> keys, List<byte[]> args) {
        try {
            return jedis.evalsha(sha, keys, args);
        } catch (JedisNoScriptException e) {
            return jedis.eval(source, keys, args);
        }
    }

    /**
     * Runs the script after SETting each of {@code staged} (key → value, expiring after {@code ttlMillis}) in the same
     * pipeline: one round trip. The data plane stages large values this way because Redis's Lua hashes every byte of
     * a string argument on Redis's one thread, and a plain SET does not.
     */
    public Object runAfterSets(Jedis jedis, Map<byte[], byte[]> staged, long ttlMillis, List<byte[]> keys,
                               List<byte[]> args) {
        if (staged.isEmpty()) {
            return run(jedis, keys, args);
        }
        Pipeline pipe = jedis.pipelined();
        SetParams ttl = SetParams.setParams().px(ttlMillis);
        List<Response<String>> sets = new ArrayList<>(staged.size());
        staged.forEach((key, value) -> sets.add(pipe.set(key, value, ttl)));
        Response<Object> reply = pipe.evalsha(sha, keys, args);
        pipe.sync();
        // A refused SET (a full Redis: OOM) is the cause; the script would only report its value as missing.
        for (Response<String> set : sets) {
            set.get();
        }
        try {
            return reply.get();
        } catch (RuntimeException e) {
            if (isNoScript(e)) {
                return run(jedis, keys, args); // the staged values are in place; EVAL loads the script again
            }
            throw e;
        }
    }

    /** Whether {@code error} (from a pipelined response) says the server did not know a script. */
    private static boolean isNoScript(RuntimeException error) {
        return error instanceof JedisNoScriptException
                || (error.getMessage() != null && error.getMessage().startsWith("NOSCRIPT"));
    }

    @Override
    public String toString() {
        return "LuaScript[" + name + "]";
    }
}
