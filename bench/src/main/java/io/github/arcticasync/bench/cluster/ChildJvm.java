package io.github.arcticasync.bench.cluster;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A JVM started on the harness's own class path with a main class and system properties; its output goes to a file. */
final class ChildJvm implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;

    ChildJvm(String name, Class<?> main, String maxHeap, Map<String, String> properties) throws IOException {
        this.name = name;
        this.log = Files.createTempFile("bench-" + name + "-", ".log");
        List<String> command = new ArrayList<>();
        command.add(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        command.add("-Xmx" + maxHeap);
        // Extra flags for every child, e.g. -Dbench.child-jvm-args="-XX:StartFlightRecording=..." to profile workers.
        String extra = System.getProperty("bench.child-jvm-args", "").trim();
        if (!extra.isEmpty()) {
            for (String flag : extra.split("\\s+")) {
                command.add(flag.replace("{name}", name));
            }
        }
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        this.process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // A harness stopped early (Ctrl-C, timeout) must not leave its servers and workers behind.
        Process started = this.process;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly, "bench-child-reaper"));
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    /** Throws if the process has exited (it should run until closed). */
    void checkAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException(name + " exited with code " + process.exitValue() + "; see " + log);
        }
    }

    Path log() {
        return log;
    }

    /** SIGTERM (workers drain), then SIGKILL if it has not exited within 15 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
