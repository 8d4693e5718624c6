package io.github.arcticasync.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * The {@code redis-server} of a local cluster: a real process on a free loopback port with the append-only file on,
 * its data in a folder so queued requests survive a restart of {@code up}.
 */
final class RedisServerProcess {

    /** Environment variable naming the redis-server binary when it is not on the PATH. */
    static final String BINARY_ENV = "ARCTIC_ASYNC_REDIS_SERVER";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);

    private RedisServerProcess() {
    }

    /**
     * Starts redis-server with its data in {@code dataDir} and waits until it answers PING.
     *
     * @return the child; its URL is {@code redis://127.0.0.1:<port>}, see {@link #url(int)}
     * @throws IllegalStateException if redis-server is not installed, or does not start
     */
    static Started start(Path dataDir, PrintWriter console) {
        Path binary = binary().orElseThrow(() -> new IllegalStateException(
                "redis-server is not installed (not on the PATH, nor $" + BINARY_ENV + "): install it (Debian:"
                        + " apt-get install redis-server) or pass --redis URL of a running Redis"));
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the Redis data folder " + dataDir, e);
        }
        int port = freePort();
        ChildProcess child = ChildProcess.start("redis", List.of(binary.toString(),
                "--port", Integer.toString(port), "--bind", "127.0.0.1", "--protected-mode", "yes",
                "--dir", dataDir.toAbsolutePath().toString(),
                // Every queued request is in the AOF; RDB snapshots would only add fork pauses.
                "--appendonly", "yes", "--appendfsync", "everysec", "--save", "",
                "--daemonize", "no"), Map.of(), console);
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            if (!child.isAlive()) {
                throw new IllegalStateException("redis-server exited at start with code " + child.exitValue()
                        + " (see its lines above)");
            }
            try (Jedis jedis = new Jedis(new HostAndPort("127.0.0.1", port))) {
                if ("PONG".equals(jedis.ping())) {
                    return new Started(child, url(port));
                }
            } catch (JedisException notYet) {
                // still starting (or still loading its AOF)
            }
            if (System.nanoTime() - deadline > 0) {
                stopQuietly(child);
                throw new IllegalStateException("redis-server did not answer PING on port " + port + " within "
                        + READY_TIMEOUT.toSeconds() + " s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopQuietly(child);
                throw new IllegalStateException("interrupted while redis-server started", e);
            }
        }
    }

    /** A started redis-server and its URL. */
    record Started(ChildProcess process, String url) {
    }

    static String url(int port) {
        return "redis://127.0.0.1:" + port;
    }

    /** $ARCTIC_ASYNC_REDIS_SERVER, else the first {@code redis-server} on the PATH. */
    static Optional<Path> binary() {
        String configured = System.getenv(BINARY_ENV);
        if (configured != null && !configured.isBlank()) {
            Path path = Paths.get(configured.trim());
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String pathVariable = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
        for (String dir : pathVariable.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Paths.get(dir, "redis-server");
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free loopback port for redis-server", e);
        }
    }

    private static void stopQuietly(ChildProcess child) {
        try {
            child.stop(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
