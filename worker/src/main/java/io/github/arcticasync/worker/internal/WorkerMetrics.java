package io.github.arcticasync.worker.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.function.Supplier;

/** The worker's meters, tagged with namespace and worker id; without a registry every call does nothing. */
public final class WorkerMetrics {
    private final Counter completed;
    private final Counter failed;
    private final Counter reclaimed;
    private final Counter deadLettered;
    private final Counter fenced;

    public WorkerMetrics(MeterRegistry registry, String namespace, String workerId, Supplier<Number> running,
                         Supplier<Number> threads, Supplier<Number> prefetch) {
        if (registry == null) {
            completed = failed = reclaimed = deadLettered = fenced = null;
            return;
        }
        completed = counter(registry, "arctic_async_worker_completed", namespace, workerId);
        failed = counter(registry, "arctic_async_worker_failed", namespace, workerId);
        reclaimed = counter(registry, "arctic_async_worker_reclaimed", namespace, workerId);
        deadLettered = counter(registry, "arctic_async_worker_dead_lettered", namespace, workerId);
        fenced = counter(registry, "arctic_async_worker_fenced", namespace, workerId);
        Gauge.builder("arctic_async_worker_running", running).tag("namespace", namespace).tag("worker", workerId)
                .register(registry);
        Gauge.builder("arctic_async_worker_threads", threads).tag("namespace", namespace).tag("worker", workerId)
                .register(registry);
        Gauge.builder("arctic_async_worker_prefetch", prefetch).tag("namespace", namespace).tag("worker", workerId)
                .description("entries the worker holds beyond its threads (sized by operation run time)")
                .register(registry);
    }

    private static Counter counter(MeterRegistry registry, String name, String namespace, String workerId) {
        return Counter.builder(name).tag("namespace", namespace).tag("worker", workerId).register(registry);
    }

    public void completed(boolean success) {
        Counter c = success ? completed : failed;
        if (c != null) {
            c.increment();
        }
    }

    public void reclaimed(int n) {
        if (reclaimed != null) {
            reclaimed.increment(n);
        }
    }

    public void deadLettered() {
        if (deadLettered != null) {
            deadLettered.increment();
        }
    }

    /** A result this worker could not post because it no longer owned the partition. */
    public void fenced() {
        if (fenced != null) {
            fenced.increment();
        }
    }
}
