package io.github.arcticasync.coordinator.internal;

import io.github.arcticasync.internal.transport.SafeUrls;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;
import org.redisson.config.SingleServerConfig;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
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
        URI uri;
        try {
            uri = new URI(redisUrl);
        } catch (URISyntaxException e) {
            // Not URI.create: its message, and its cause's, repeat the raw URL, password included.
            throw new IllegalArgumentException("malformed redis URL " + SafeUrls.mask(redisUrl) + ": " + e.getReason()
                    + " at index " + e.getIndex());
        }
        Config config = new Config();
        config.setCodec(StringCodec.INSTANCE);
        config.setLockWatchdogTimeout(lockLease.toMillis());
        int port = uri.getPort() > 0 ? uri.getPort() : 6379;
        SingleServerConfig server = config.useSingleServer()
                .setAddress(uri.getScheme() + "://" + uri.getHost() + ":" + port)
                .setConnectionMinimumIdleSize(1)
                .setConnectionPoolSize(4)
                .setSubscriptionConnectionMinimumIdleSize(1)
                .setSubscriptionConnectionPoolSize(2);
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            if (colon < 0) {
                server.setPassword(decode(userInfo));
            } else {
                if (colon > 0) {
                    server.setUsername(decode(userInfo.substring(0, colon)));
                }
                server.setPassword(decode(userInfo.substring(colon + 1)));
            }
        }
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            try {
                server.setDatabase(Integer.parseInt(path.substring(1)));
            } catch (NumberFormatException e) {
                // The masked URL, not the path, and no cause: with an unescaped '/' in a password whose start looks
                // like a port (redis://app:1234/secret@h), the path is the rest of the password.
                throw new IllegalArgumentException("redis URL database must be a number, in "
                        + SafeUrls.mask(redisUrl));
            }
        }
        return Redisson.create(config);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
