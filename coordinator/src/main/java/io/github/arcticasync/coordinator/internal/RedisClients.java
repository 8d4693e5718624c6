package io.github.arcticasync.coordinator.internal;

import io.github.arcticasync.internal.transport.redis.RedisUrl;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;
import org.redisson.config.SingleServerConfig;

import java.time.Duration;

/** Builds a Redisson client from a {@code redis://} or {@code rediss://} URL with optional ACL user, password and db. */
public final class RedisClients {

    private RedisClients() {
    }

    /**
     * A Redisson client with string codec whose lock watchdog renews a lock of {@code lockLease}.
     *
     * @throws IllegalArgumentException if the URL is malformed
     */
    public static RedissonClient create(String redisUrl, Duration lockLease) {
        return Redisson.create(config(redisUrl, lockLease));
    }

    /** The configuration {@link #create} connects with. */
    static Config config(String redisUrl, Duration lockLease) {
        // The same parser as the data plane's, so both planes read user, password, TLS and db alike.
        RedisUrl url = RedisUrl.parse(redisUrl);
        Config config = new Config();
        config.setCodec(StringCodec.INSTANCE);
        config.setLockWatchdogTimeout(lockLease.toMillis());
        SingleServerConfig server = config.useSingleServer()
                .setAddress((url.tls() ? "rediss://" : "redis://") + url.host() + ":" + url.port())
                .setDatabase(url.database())
                .setConnectionMinimumIdleSize(1)
                .setConnectionPoolSize(4)
                .setSubscriptionConnectionMinimumIdleSize(1)
                .setSubscriptionConnectionPoolSize(2);
        if (url.user() != null) {
            server.setUsername(url.user());
        }
        if (url.password() != null) {
            server.setPassword(url.password());
        }
        return config;
    }
}
