package io.github.arcticasync.internal.transport.redis;

import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisNoScriptException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

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
     * Queues the script on {@code pipeline} by SHA; call {@link #load} first on the same server when a NOSCRIPT reply
     * is possible (the caller retries a batch that got one, see {@link #isNoScript}).
     */
    public Response<Object> queue(Pipeline pipeline, List<byte[]> keys, List<byte[]> args) {
        return pipeline.evalsha(sha, keys, args);
    }

    /** Loads the script into the server's cache. */
    public void load(Jedis jedis) {
        jedis.scriptLoad(source);
    }

    /** Whether {@code error} (from a pipelined response) says the server did not know a script. */
    public static boolean isNoScript(RuntimeException error) {
        return error instanceof JedisNoScriptException
                || (error.getMessage() != null && error.getMessage().startsWith("NOSCRIPT"));
    }

    @Override
    public String toString() {
        return "LuaScript[" + name + "]";
    }
}
