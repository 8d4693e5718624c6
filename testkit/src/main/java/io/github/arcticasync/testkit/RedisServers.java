package io.github.arcticasync.testkit;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Starts real {@code redis-server} processes for tests.
 *
 * <p>The binary is the system property {@value #BINARY_PROPERTY} if set, else {@code redis-server} on the PATH,
 * else {@code /usr/bin/redis-server}.
 *
 * <pre>{@code
 * try (RedisServer redis = RedisServers.start(RedisConfig.builder().appendOnly(true).build())) {
 *     redis.command("SET", "k", "v");
 *     redis.restart();
 *     assertThat(redis.command("GET", "k")).isEqualTo("v");
 * }
 * }</pre>
 */
public final class RedisServers {

    /** The system property naming the {@code redis-server} binary. */
    public static final String BINARY_PROPERTY = "it.redis.server";

    private RedisServers() {
    }

    /** Starts a server with {@link RedisConfig#DEFAULT} on a free loopback port. */
    public static RedisServer start() {
        return start(RedisConfig.DEFAULT);
    }

    /**
     * Starts a server with the given config on a free loopback port and waits until it answers PING.
     *
     * @throws IllegalStateException if no {@code redis-server} binary is found or it does not start
     */
    public static RedisServer start(RedisConfig config) {
        Objects.requireNonNull(config, "config");
        RedisServer server = new RedisServer(binary(), config);
        try {
            return server.startOnFreePort();
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * The {@code redis-server} binary this machine has.
     *
     * @throws IllegalStateException if there is none
     */
    public static Path binary() {
        String configured = System.getProperty(BINARY_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured.trim());
            if (!Files.isExecutable(path)) {
                throw new IllegalStateException(BINARY_PROPERTY + "=" + configured + " is not an executable file");
            }
            return path;
        }
        String pathVariable = System.getenv("PATH");
        if (pathVariable != null) {
            for (String dir : pathVariable.split(File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    Path candidate = Path.of(dir, "redis-server");
                    if (Files.isExecutable(candidate)) {
                        return candidate;
                    }
                }
            }
        }
        Path fallback = Path.of("/usr/bin/redis-server");
        if (Files.isExecutable(fallback)) {
            return fallback;
        }
        throw new IllegalStateException("No redis-server binary: not on the PATH, not at /usr/bin/redis-server, and "
                + "-D" + BINARY_PROPERTY + " is unset. Install the Debian package redis-server.");
    }
}
