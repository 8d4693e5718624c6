package io.github.arcticasync.bench.cluster;

import io.github.arcticasync.worker.Worker;
import io.github.arcticasync.worker.WorkerConfig;
import io.github.arcticasync.worker.WorkerMain;

/**
 * A worker process for the benchmark: {@link WorkerMain}'s settings (its {@code ARCTIC_ASYNC_*} names, as system
 * properties) and the same {@link Worker}, but with {@link BenchOperations#registry()} so it can also run the
 * bench-only operations. It drains on SIGTERM as {@code WorkerMain} does.
 */
public final class BenchWorkerMain {
    private BenchWorkerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        WorkerConfig config = WorkerMain.fromEnvironment(System::getProperty);
        Worker worker = Worker.start(config, null, BenchOperations.registry(), null);
        Runtime.getRuntime().addShutdownHook(new Thread(worker::drain, "bench-worker-shutdown"));
        worker.awaitTermination();
    }
}
