package io.github.arcticasync.internal.transport.redis;

import io.github.arcticasync.internal.transport.Counts;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPool;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * The Redis connections of one process: a bounded pool for short commands and pipelines, and dedicated connections
 * for blocking reads (which would otherwise hold a pooled connection for their whole block). Connections that broke
 * are discarded by the pool and replaced on the next borrow, so a restarted Redis is reconnected to without help.
 */
public final class RedisConnections implements AutoCloseable {
    private final RedisUrl url;
    private final String clientName;
    private final JedisPool pool;

    /**
     * Connections to {@code url}.
     *
     * @param maxPooled the most pooled connections open at once (the bound on this process's short-command sockets)
     */
    public RedisConnections(RedisUrl url, String clientName, int maxPooled) {
        this.url = Objects.requireNonNull(url, "url");
        Counts.requirePositive(maxPooled, "maxPooled");
        this.clientName = clientName;
        GenericObjectPoolConfig<Jedis> config = new GenericObjectPoolConfig<>();
        config.setMaxTotal(maxPooled);
        config.setMaxIdle(maxPooled);
        config.setMinIdle(0);
        config.setTestOnBorrow(false);
        config.setTestWhileIdle(true);
        config.setJmxEnabled(false);
        config.setMaxWait(RedisUrl.DEFAULT_TIMEOUT);
        this.pool = new JedisPool(config, url.hostAndPort(), url.clientConfig(clientName, RedisUrl.DEFAULT_TIMEOUT));
    }

    public RedisUrl url() {
        return url;
    }

    /** Runs {@code work} on a pooled connection; a connection that failed is not returned to the pool. */
    public <T> T with(Function<Jedis, T> work) {
        try (Jedis jedis = pool.getResource()) {
            return work.apply(jedis);
        }
    }

    /**
     * A new connection of its own for blocking commands: its read timeout is {@code maxBlock} plus the normal command
     * timeout, so a BLOCK never trips it. The caller closes it.
     */
    public Jedis dedicated(Duration maxBlock) {
        Jedis jedis = new Jedis(url.hostAndPort(), url.clientConfig(clientName,
                RedisUrl.DEFAULT_TIMEOUT.plus(maxBlock)));
        jedis.connect();
        return jedis;
    }

    @Override
    public void close() {
        pool.close();
    }
}
