package io.github.arcticasync.bench.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@code redis-server} child process on a free loopback port, without persistence (a benchmark measures the data
 * plane, not disk). Stopped with SIGTERM on {@link #close()}.
 */
final class RedisProcess implements AutoCloseable {
    /** Where the harness looks for redis-server unless {@code -Dbench.redis-server} says otherwise. */
    static final String DEFAULT_BINARY = "/usr/bin/redis-server";

    private final Process process;
    private final int port;
    private final Path log;

    RedisProcess() throws IOException, InterruptedException {
        this.port = freePort();
        this.log = Files.createTempFile("bench-redis-", ".log");
        String binary = System.getProperty("bench.redis-server", DEFAULT_BINARY);
        this.process = new ProcessBuilder(List.of(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--protected-mode", "no"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // A harness stopped early (Ctrl-C, timeout) must not leave its servers and workers behind.
        Process started = this.process;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, "bench-child-reaper"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!accepts(port)) {
            if (!process.isAlive() || System.nanoTime() - deadline > 0) {
                process.destroyForcibly();
                throw new IOException("redis-server did not start on port " + port + "; see " + log);
            }
            Thread.sleep(20);
        }
    }

    int port() {
        return port;
    }

    String url() {
        return "redis://127.0.0.1:" + port;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
