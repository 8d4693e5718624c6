package io.github.arcticasync.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} process on a loopback port with its own data directory, for tests.
 *
 * <p>It can be stopped (SIGTERM, then SIGKILL), killed (SIGKILL, like a crash) and started again on the same port
 * and data directory, so tests can check what survives a restart when {@link RedisConfig#appendOnly()} is on.
 * {@link #close()} stops the process and deletes the directory. Obtain one from {@link RedisServers}.
 */
public final class RedisServer implements AutoCloseable {

    /** The loopback address every server binds to. */
    public static final String HOST = "127.0.0.1";

    private static final long START_TIMEOUT_MILLIS = 15_000;
    private static final long STOP_TIMEOUT_SECONDS = 10;
    private static final int START_ATTEMPTS = 3;

    private final Path binary;
    private final RedisConfig config;
    private final Path dataDir;
    private int port;
    private Process process;
    private boolean closed;

    RedisServer(Path binary, RedisConfig config) {
        this.binary = Objects.requireNonNull(binary, "binary");
        this.config = Objects.requireNonNull(config, "config");
        try {
            this.dataDir = Files.createTempDirectory("arctic-redis-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a data directory for redis-server", e);
        }
    }

    /** Starts the process on a free port, retrying with another port if the chosen one was taken meanwhile. */
    synchronized RedisServer startOnFreePort() {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            port = freePort();
            try {
                start();
                return this;
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        throw last;
    }

    /**
     * Starts the process again on the same port and data directory; does nothing if it is running.
     *
     * @throws IllegalStateException if the server is closed or does not answer PING within 15 seconds
     */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("redis-server fixture is closed");
        }
        if (isRunning()) {
            return;
        }
        try {
            process = new ProcessBuilder(command())
                    .directory(dataDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("stdout.log").toFile()))
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + binary + ": " + e.getMessage(), e);
        }
        awaitReady();
    }

    /** Stops the process by its PID: SIGTERM, then SIGKILL if it has not exited within 10 seconds. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        Process stopping = process;
        process = null;
        stopping.destroy();
        try {
            if (!stopping.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                stopping.destroyForcibly().waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            stopping.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the process by its PID with SIGKILL, as a crash would, and waits for it to exit. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        Process killing = process;
        process = null;
        killing.destroyForcibly();
        try {
            killing.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@link #stop()} then {@link #start()}: same port, same data directory. */
    public synchronized void restart() {
        stop();
        start();
    }

    /** True while the process is alive. */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * The PID of the running process.
     *
     * @throws IllegalStateException if it is not running
     */
    public synchronized long pid() {
        if (process == null) {
            throw new IllegalStateException("redis-server is not running");
        }
        return process.pid();
    }

    /** The host to connect to, always {@value #HOST}. */
    public String host() {
        return HOST;
    }

    /** The port, fixed for the life of this fixture. */
    public synchronized int port() {
        return port;
    }

    /** A {@code redis://} URI with the credentials of the config (ACL user first, else the password). */
    public synchronized String uri() {
        String credentials = "";
        if (config.aclUser() != null) {
            credentials = config.aclUser() + ":" + config.aclPassword() + "@";
        } else if (config.password() != null) {
            credentials = ":" + config.password() + "@";
        }
        return "redis://" + credentials + HOST + ":" + port;
    }

    /** The data directory: AOF and RDB files and the server log live here. */
    public Path dataDir() {
        return dataDir;
    }

    /** The config the process was started with. */
    public RedisConfig config() {
        return config;
    }

    /**
     * A raw RESP connection, already authenticated with the config's credentials; the caller closes it.
     *
     * @throws IOException if the server does not answer or refuses the credentials
     */
    public Resp connect() throws IOException {
        Resp resp = Resp.connect(HOST, port(), 5_000);
        try {
            Object reply = null;
            if (config.aclUser() != null) {
                reply = resp.command("AUTH", config.aclUser(), config.aclPassword());
            } else if (config.password() != null) {
                reply = resp.command("AUTH", config.password());
            }
            if (reply instanceof Resp.Error error) {
                throw new IOException("AUTH refused: " + error.message());
            }
            return resp;
        } catch (IOException | RuntimeException e) {
            resp.close();
            throw e;
        }
    }

    /** Sends one command on a fresh authenticated connection and returns the reply (see {@link Resp}). */
    public Object command(String... args) throws IOException {
        try (Resp resp = connect()) {
            return resp.command(args);
        }
    }

    /**
     * Puts the server over its memory limit, as a Redis that has filled up: {@code maxmemory} becomes half of what it
     * uses now, so writes are refused with OOM (under the default {@code noeviction}). Lowering the limit, unlike
     * filling the server, does not depend on buffers Redis frees again by itself, which could let a small write slip
     * under a limit just reached. {@code CONFIG SET maxmemory} with the old value gives it room again.
     */
    public void overMemoryLimit() throws IOException {
        String info = String.valueOf(command("INFO", "memory"));
        long used = info.lines().filter(l -> l.startsWith("used_memory:")).findFirst()
                .map(l -> Long.parseLong(l.substring("used_memory:".length()).trim()))
                .orElseThrow(() -> new IOException("INFO memory has no used_memory: " + info));
        Object reply = command("CONFIG", "SET", "maxmemory", Long.toString(used / 2));
        if (reply instanceof Resp.Error error) {
            throw new IOException("CONFIG SET maxmemory refused: " + error.message());
        }
    }

    /** The last lines of the server log, for failure messages. */
    public String logTail() {
        StringBuilder tail = new StringBuilder();
        for (String name : List.of("redis.log", "stdout.log")) {
            Path file = dataDir.resolve(name);
            if (Files.exists(file)) {
                try {
                    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                    lines.subList(Math.max(0, lines.size() - 20), lines.size())
                            .forEach(line -> tail.append(line).append('\n'));
                } catch (IOException e) {
                    tail.append("(cannot read ").append(file).append(": ").append(e.getMessage()).append(")\n");
                }
            }
        }
        return tail.toString();
    }

    /** Stops the process and deletes the data directory. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        stop();
        closed = true;
        try (Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A left-over temp directory is harmless; the process is already stopped.
        }
    }

    @Override
    public String toString() {
        return "RedisServer[" + HOST + ":" + port + ", dir=" + dataDir + "]";
    }

    private List<String> command() {
        List<String> args = new ArrayList<>(List.of(binary.toString(),
                "--port", Integer.toString(port),
                "--bind", HOST,
                "--protected-mode", "yes",
                "--daemonize", "no",
                "--dir", dataDir.toString(),
                "--logfile", dataDir.resolve("redis.log").toString(),
                "--save", "",
                "--appendonly", config.appendOnly() ? "yes" : "no"));
        if (config.appendOnly()) {
            // Every write reaches the disk before the reply, so a kill loses nothing a test saw acknowledged.
            args.addAll(List.of("--appendfsync", "always"));
        }
        if (config.password() != null) {
            args.addAll(List.of("--requirepass", config.password()));
        }
        if (config.aclUser() != null) {
            args.addAll(List.of("--user", config.aclUser(), "on", ">" + config.aclPassword(), "~*", "&*", "+@all"));
        }
        args.addAll(config.extraArgs());
        return args;
    }

    private void awaitReady() {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        String lastProblem = "no answer yet";
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                int exit = process.exitValue();
                process = null;
                throw new IllegalStateException("redis-server on port " + port + " exited with " + exit
                        + " before answering PING; log:\n" + logTail());
            }
            try (Resp resp = connect()) {
                Object reply = resp.command("PING");
                if ("PONG".equals(reply)) {
                    return;
                }
                lastProblem = String.valueOf(reply);
            } catch (IOException e) {
                lastProblem = e.getMessage();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        stop();
        throw new IllegalStateException("redis-server on port " + port + " did not answer PING within "
                + START_TIMEOUT_MILLIS + " ms (" + lastProblem + "); log:\n" + logTail());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free loopback port", e);
        }
    }
}
