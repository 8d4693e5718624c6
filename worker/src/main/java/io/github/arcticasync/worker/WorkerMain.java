package io.github.arcticasync.worker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.UnaryOperator;

/**
 * Runs one worker until the pool terminates or the JVM is asked to stop (SIGTERM / Ctrl-C): a shutdown hook drains
 * it — stop fetching, finish in-flight, release partitions, deregister. The cli's {@code arctic-async worker} calls
 * {@link #run(WorkerConfig)}; {@link #main} reads the configuration from {@code ARCTIC_ASYNC_*} system properties or
 * environment variables: {@code ARCTIC_ASYNC_REDIS_URL} (required), {@code ARCTIC_ASYNC_MONGO_URL} (required),
 * {@code ARCTIC_ASYNC_NAMESPACE}, {@code ARCTIC_ASYNC_WORKER_ID}, {@code ARCTIC_ASYNC_WORKER_THREADS},
 * {@code ARCTIC_ASYNC_HEARTBEAT_MS}, {@code ARCTIC_ASYNC_RESULT_TTL_S}.
 */
public final class WorkerMain {
    private static final Logger log = LoggerFactory.getLogger(WorkerMain.class);

    private WorkerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        run(fromEnvironment(name -> {
            String v = System.getProperty(name);
            return v == null || v.isBlank() ? System.getenv(name) : v;
        }));
    }

    /** Starts a worker and blocks until it has drained (pool terminated, or the JVM is stopping). */
    public static void run(WorkerConfig config) throws InterruptedException {
        Worker worker = Worker.start(config);
        Thread hook = new Thread(() -> {
            log.info("{} - stop requested: draining", worker.id());
            worker.drain();
        }, "arctic-async-worker-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        worker.awaitTermination();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException stopping) {
            // the JVM is already shutting down; the hook runs the drain
        }
    }

    /** A config from named settings ({@code get} returns null for unset ones). */
    public static WorkerConfig fromEnvironment(UnaryOperator<String> get) {
        String redis = get.apply("ARCTIC_ASYNC_REDIS_URL");
        if (redis == null || redis.isBlank()) {
            throw new IllegalArgumentException("ARCTIC_ASYNC_REDIS_URL must be set for a worker");
        }
        WorkerConfig.Builder b = WorkerConfig.builder().redisUrl(redis.trim());
        String mongo = get.apply("ARCTIC_ASYNC_MONGO_URL");
        if (mongo == null || mongo.isBlank()) {
            throw new IllegalArgumentException("ARCTIC_ASYNC_MONGO_URL must be set for a worker");
        }
        b.mongoUrl(mongo.trim());
        String ns = get.apply("ARCTIC_ASYNC_NAMESPACE");
        if (ns != null && !ns.isBlank()) {
            b.namespace(ns.trim());
        }
        String id = get.apply("ARCTIC_ASYNC_WORKER_ID");
        if (id != null && !id.isBlank()) {
            b.workerId(id.trim());
        }
        String threads = get.apply("ARCTIC_ASYNC_WORKER_THREADS");
        if (threads != null && !threads.isBlank()) {
            b.maxThreads(parse(threads, "ARCTIC_ASYNC_WORKER_THREADS"));
        }
        String heartbeat = get.apply("ARCTIC_ASYNC_HEARTBEAT_MS");
        if (heartbeat != null && !heartbeat.isBlank()) {
            b.heartbeatInterval(Duration.ofMillis(parse(heartbeat, "ARCTIC_ASYNC_HEARTBEAT_MS")));
        }
        String ttl = get.apply("ARCTIC_ASYNC_RESULT_TTL_S");
        if (ttl != null && !ttl.isBlank()) {
            b.resultTtl(Duration.ofSeconds(parse(ttl, "ARCTIC_ASYNC_RESULT_TTL_S")));
        }
        return b.build();
    }

    private static int parse(String value, String name) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, was '" + value + "'", e);
        }
    }
}
