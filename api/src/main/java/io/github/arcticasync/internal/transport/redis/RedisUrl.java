package io.github.arcticasync.internal.transport.redis;

import io.github.arcticasync.internal.transport.SafeUrls;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import javax.net.ssl.SSLParameters;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/**
 * A parsed Redis URL: {@code redis://host:port}, {@code rediss://} (TLS), {@code redis://:password@host} (AUTH with
 * the password only), {@code redis://user:password@host:port/db} (ACL user). Percent-escapes in user and password are
 * decoded. {@link #toString()} never shows the password.
 *
 * @param tls      whether to connect with TLS ({@code rediss})
 * @param host     the host name or address
 * @param port     the port (default 6379)
 * @param user     the ACL user, or null for the default user
 * @param password the password, or null for none
 * @param database the database number (default 0)
 */
public record RedisUrl(boolean tls, String host, int port, String user, String password, int database) {
    /** Redis's port when the URL names none. */
    public static final int DEFAULT_PORT = 6379;
    /** How long a connect or a plain command may take before it fails. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public RedisUrl {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("redis URL must name a host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("redis URL port must be 1-65535, was " + port);
        }
        if (database < 0) {
            throw new IllegalArgumentException("redis URL database must not be negative, was " + database);
        }
        if (user != null && password == null) {
            throw new IllegalArgumentException("redis URL names user '" + user + "' but no password");
        }
    }

    /**
     * Parses {@code url}.
     *
     * @throws IllegalArgumentException naming what is wrong: scheme, host, port or database
     */
    public static RedisUrl parse(String url) {
        Objects.requireNonNull(url, "redis URL must not be null");
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            // No cause: URISyntaxException's message repeats the raw URL, password included.
            throw new IllegalArgumentException("malformed redis URL " + SafeUrls.mask(url) + ": " + e.getReason()
                    + " at index " + e.getIndex());
        }
        String scheme = uri.getScheme();
        if (!"redis".equalsIgnoreCase(scheme) && !"rediss".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("redis URL must start with redis:// or rediss://, was "
                    + SafeUrls.mask(url));
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("redis URL " + SafeUrls.mask(url) + " names no host");
        }
        String user = null;
        String password = null;
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            int colon = userInfo.indexOf(':');
            if (colon < 0) {
                password = decode(userInfo); // redis://secret@host: a bare password, as redis-cli reads it
            } else {
                user = colon == 0 ? null : decode(userInfo.substring(0, colon));
                password = decode(userInfo.substring(colon + 1));
                if (password.isEmpty()) {
                    password = null;
                }
            }
        }
        int database = 0;
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            try {
                database = Integer.parseInt(path.substring(1));
            } catch (NumberFormatException e) {
                // The masked URL, not the path, and no cause: with an unescaped '/' in a password whose start looks
                // like a port (redis://app:1234/secret@h), the path is the rest of the password.
                throw new IllegalArgumentException("redis URL database must be a number, in " + SafeUrls.mask(url));
            }
        }
        int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
        return new RedisUrl("rediss".equalsIgnoreCase(scheme), uri.getHost(), port, user, password, database);
    }

    /**
     * Percent-decodes user info. Not form decoding: a {@code +} is a legal character of a password (generated ones
     * often hold it) and stays a {@code +}, where URLDecoder alone would turn it into a space.
     */
    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    public HostAndPort hostAndPort() {
        return new HostAndPort(host, port);
    }

    /** A client config with these credentials; blocking commands may wait {@code blockingSlack} beyond their block. */
    public JedisClientConfig clientConfig(String clientName, Duration timeout) {
        DefaultJedisClientConfig.Builder b = DefaultJedisClientConfig.builder()
                .ssl(tls)
                .database(database)
                .connectionTimeoutMillis((int) timeout.toMillis())
                .socketTimeoutMillis((int) timeout.toMillis())
                .blockingSocketTimeoutMillis((int) timeout.toMillis());
        if (tls) {
            // Jedis sets no hostname verifier, so only the chain would be checked: let JSSE match the server's
            // certificate against the host we dialled, as an HTTPS client does.
            SSLParameters params = new SSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            b.sslParameters(params);
        }
        if (user != null) {
            b.user(user);
        }
        if (password != null) {
            b.password(password);
        }
        if (clientName != null) {
            b.clientName(clientName);
        }
        return b.build();
    }

    @Override
    public String toString() {
        return (tls ? "rediss://" : "redis://") + (user != null ? user + ":****@" : password != null ? ":****@" : "")
                + host + ":" + port + (database != 0 ? "/" + database : "");
    }
}
