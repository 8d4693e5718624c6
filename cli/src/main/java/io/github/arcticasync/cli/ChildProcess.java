package io.github.arcticasync.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A process {@code arctic-async up} started, with its output copied line by line to the console, each line prefixed
 * with the child's name; stopped by its PID (SIGTERM, a grace period, then SIGKILL).
 */
final class ChildProcess {

    /** How long, after the exit, its last lines may take to be copied. */
    private static final Duration OUTPUT_GRACE = Duration.ofSeconds(2);

    private final String name;
    private final Process process;
    private volatile boolean stopping;
    private Thread pump;

    private ChildProcess(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    /**
     * Starts {@code command} with {@code environment} added to this process's (a variable mapped to null is removed
     * instead), stdout and stderr merged and copied to {@code console} as {@code name | line}.
     */
    static ChildProcess start(String name, List<String> command, Map<String, String> environment,
                              PrintWriter console) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        environment.forEach((variable, value) -> {
            if (value == null) {
                builder.environment().remove(variable);
            } else {
                builder.environment().put(variable, value);
            }
        });
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + " (" + command.get(0) + "): " + e.getMessage(), e);
        }
        ChildProcess child = new ChildProcess(name, process);
        child.pump = new Thread(() -> child.copyOutput(console), "arctic-async-up-" + name);
        child.pump.setDaemon(true);
        child.pump.start();
        return child;
    }

    private void copyOutput(PrintWriter console) {
        String prefix = String.format("%-12s| ", name);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (console) {
                    console.println(prefix + line);
                    console.flush();
                }
            }
        } catch (IOException e) {
            // The child's pipe closes when it exits; nothing more to copy.
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Whether {@link #terminate()} was called: an exit after it is expected. */
    boolean isStopping() {
        return stopping;
    }

    /** The exit code; only once it has exited. */
    int exitValue() {
        return process.exitValue();
    }

    /** Blocks until it exits; returns the exit code. */
    int waitFor() throws InterruptedException {
        return process.waitFor();
    }

    /** Sends SIGTERM (by PID) without waiting. */
    void terminate() {
        stopping = true;
        // Through the handle: Process.destroy() also closes our end of its output pipe, losing its last lines.
        process.toHandle().destroy();
    }

    /**
     * SIGTERM, wait up to {@code grace}, then SIGKILL and wait for the exit.
     *
     * @return the exit code, or -1 if it had to be killed
     */
    int stop(Duration grace) throws InterruptedException {
        terminate();
        return awaitOrKill(grace);
    }

    /** After {@link #terminate()}: waits up to {@code grace}, then SIGKILL. Returns the exit code, -1 if killed. */
    int awaitOrKill(Duration grace) throws InterruptedException {
        int code = -1;
        if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            code = process.exitValue();
        } else {
            process.toHandle().destroyForcibly();
            process.waitFor();
        }
        // Its last lines (what it said while stopping) are printed before anyone reports it stopped.
        pump.join(OUTPUT_GRACE.toMillis());
        return code;
    }

    @Override
    public String toString() {
        return name + " (pid " + pid() + ")";
    }
}
