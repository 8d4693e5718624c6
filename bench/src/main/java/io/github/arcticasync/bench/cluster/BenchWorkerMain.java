package io.github.arcticasync.bench.cluster;

import io.github.arcticasync.worker.Worker;
import io.github.arcticasync.worker.WorkerConfig;

import java.time.Duration;

/**
 * A worker process for the benchmark: {@code WorkerMain}'s settings ({@code ARCTIC_ASYNC_REDIS_URL},
 * {@code ARCTIC_ASYNC_MONGO_URL}, {@code ARCTIC_ASYNC_NAMESPACE}, {@code ARCTIC_ASYNC_WORKER_ID},
 * {@code ARCTIC_ASYNC_WORKER_THREADS}, {@code ARCTIC_ASYNC_HEARTBEAT_MS}, {@code ARCTIC_ASYNC_RESULT_TTL_S} as system
 * properties) and the same
 * {@link Worker}, but with {@link BenchOperations#registry()} so it can also run the bench-only operations. It drains
 * on SIGTERM as {@code WorkerMain} does.
 */
public final class BenchWorkerMain {
    private BenchWorkerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        WorkerConfig config = WorkerConfig.builder()
                .redisUrl(required("ARCTIC_ASYNC_REDIS_URL"))
                .mongoUrl(required("ARCTIC_ASYNC_MONGO_URL"))
                .namespace(required("ARCTIC_ASYNC_NAMESPACE"))
                .workerId(required("ARCTIC_ASYNC_WORKER_ID"))
                .maxThreads(Integer.parseInt(required("ARCTIC_ASYNC_WORKER_THREADS")))
                .heartbeatInterval(Duration.ofMillis(Long.parseLong(required("ARCTIC_ASYNC_HEARTBEAT_MS"))))
                .resultTtl(Duration.ofSeconds(Long.parseLong(required("ARCTIC_ASYNC_RESULT_TTL_S"))))
                .build();
        Worker worker = Worker.start(config, null, BenchOperations.registry(), null);
        Runtime.getRuntime().addShutdownHook(new Thread(worker::drain, "bench-worker-shutdown"));
        worker.awaitTermination();
    }

    private static String required(String name) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(name + " must be set (as a system property) for a bench worker");
        }
        return v.trim();
    }
}
