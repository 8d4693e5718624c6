package io.github.arcticasync.testkit;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.testcontainers.DockerClientFactory;

/**
 * Whether a Docker engine answers, asked once per JVM and never for longer than a bounded wait.
 *
 * <p>A machine can have a docker client but no engine; Testcontainers then probes several strategies, so the probe
 * runs on a daemon thread and a slow or failing probe counts as "no Docker".
 */
public final class Docker {

    /** The system property that bounds the probe, in seconds (default 20). */
    public static final String TIMEOUT_PROPERTY = "it.docker.probe.seconds";

    private static volatile Boolean available;

    private Docker() {
    }

    /** True when a Docker engine answers; never throws. */
    public static boolean isAvailable() {
        Boolean known = available;
        if (known == null) {
            synchronized (Docker.class) {
                if (available == null) {
                    available = probe();
                }
                known = available;
            }
        }
        return known;
    }

    private static boolean probe() {
        long seconds = Long.getLong(TIMEOUT_PROPERTY, 20L);
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(DockerClientFactory.instance().isDockerAvailable());
            } catch (Throwable t) {
                result.complete(false);
            }
        }, "docker-probe");
        thread.setDaemon(true);
        thread.start();
        try {
            return result.get(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }
}
