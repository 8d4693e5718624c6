package io.github.arcticasync.bench.cluster;

import io.github.arcticasync.bench.Frames;
import io.github.arcticasync.store.Arctic;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.api.WorkerOptions;
import org.redisson.config.Config;

import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;

/**
 * A Redisson executor worker process, the baseline's counterpart of a worker: registers {@code bench.workers} workers
 * of executor {@code bench.executor} on {@code bench.redis}, with the library {@code bench.library} of MongoDB
 * {@code bench.mongo} for its tasks (system properties), and runs until the JVM is stopped.
 */
public final class RedissonWorkerMain {
    private RedissonWorkerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Arctic arctic = Arctic.connect(required("bench.mongo"));
        byte[] blob = new byte[BenchOperations.FRAME_ROWS * Frames.ROW_BYTES];
        new SplittableRandom(11).nextBytes(blob);
        RedissonWorkerStores.set(arctic.getLibrary(required("bench.library")), blob);
        RedissonClient redisson = Redisson.create(config(required("bench.redis")));
        redisson.getExecutorService(required("bench.executor"))
                .registerWorkers(WorkerOptions.defaults().workers(Integer.parseInt(required("bench.workers"))));
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            redisson.shutdown();
            arctic.close();
            stop.countDown();
        }, "redisson-worker-shutdown"));
        stop.await();
    }

    /** The Redisson configuration both sides of the baseline use: one server, defaults otherwise. */
    static Config config(String redisUrl) {
        Config config = new Config();
        config.useSingleServer().setAddress(redisUrl);
        return config;
    }

    private static String required(String name) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException(name + " must be set (as a system property)");
        }
        return v.trim();
    }
}
