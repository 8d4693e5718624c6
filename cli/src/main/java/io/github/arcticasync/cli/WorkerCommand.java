package io.github.arcticasync.cli;

import io.github.arcticasync.internal.execution.OperationRegistry;
import io.github.arcticasync.internal.transport.SafeUrls;
import io.github.arcticasync.worker.Worker;
import io.github.arcticasync.worker.WorkerConfig;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code arctic-async worker}: one worker process of a Redis cluster, running until SIGTERM / Ctrl-C, when it drains
 * (stops fetching, finishes what it took, releases its partitions, deregisters) and exits 0. It also exits 0 when the
 * pool is terminated ({@code arctic-async pool shutdown} once the queues are empty).
 */
@Command(name = "worker",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Runs one worker: takes the partitions and threads the leading coordinator allots it and runs their",
            "requests against MongoDB. SIGTERM or Ctrl-C drains it (in-flight requests finish, the rest stay queued",
            "for other workers) and it exits 0."})
final class WorkerCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private RedisOptions redis;

    @Mixin
    private MetricsOptions metrics;

    @Option(names = "--mongo", paramLabel = "URL", defaultValue = "${env:ARCTIC_ASYNC_MONGO_URL}",
            description = "MongoDB the requests run against (mongodb://...); default $ARCTIC_ASYNC_MONGO_URL.")
    private String mongo;

    @Option(names = "--max-threads", paramLabel = "N", defaultValue = "${env:ARCTIC_ASYNC_WORKER_THREADS:-16}",
            description = "The most requests this worker runs at once, whatever it is allotted (default: "
                    + "$ARCTIC_ASYNC_WORKER_THREADS, else 16).")
    private int maxThreads;

    @Option(names = "--worker-id", paramLabel = "ID", defaultValue = "${env:ARCTIC_ASYNC_WORKER_ID}",
            description = "This worker's id, unique in the namespace (default: <host>-<pid>-<random>).")
    private String workerId;

    @Option(names = "--result-ttl-s", paramLabel = "S", defaultValue = "${env:ARCTIC_ASYNC_RESULT_TTL_S}",
            description = "How long results stay readable in Redis, in seconds (default 3600). Results of a busy "
                    + "pool accumulate for this long: lower it when results are large.")
    private Long resultTtlSeconds;

    @Option(names = "--heartbeat-ms", paramLabel = "MS", hidden = true,
            defaultValue = "${env:ARCTIC_ASYNC_HEARTBEAT_MS}",
            description = "Heartbeat interval; the lease is three of them (default $ARCTIC_ASYNC_HEARTBEAT_MS, else "
                    + "1000).")
    private Integer heartbeatMillis;

    @Override
    public Integer call() throws InterruptedException {
        WorkerConfig config = config();
        PrintWriter out = spec.commandLine().getOut();
        StopSignal stop = StopSignal.install();
        try (MetricsEndpoint endpoint = metrics.startIfAsked(out)) {
            return run(config, endpoint, out, stop);
        }
    }

    private Integer run(WorkerConfig config, MetricsEndpoint endpoint, PrintWriter out, StopSignal stop)
            throws InterruptedException {
        Worker worker = Worker.start(config, null, OperationRegistry.standard(),
                endpoint == null ? null : endpoint.registry());
        out.printf("worker %s: running on %s (namespace %s), MongoDB %s, at most %d threads; SIGTERM or Ctrl-C"
                        + " drains and stops it%n", worker.id(), SafeUrls.mask(config.redisUrl()), config.namespace(),
                SafeUrls.mask(config.mongoUrl()), config.maxThreads());
        out.flush();
        Thread terminated = new Thread(() -> {
            try {
                worker.awaitTermination();
                stop.request("pool terminated");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "arctic-async-worker-await");
        terminated.setDaemon(true);
        terminated.start();
        stop.await();
        out.printf("worker %s: %s, draining%n", worker.id(), stop.reason());
        out.flush();
        worker.drain();
        out.printf("worker %s: drained and deregistered%n", worker.id());
        out.flush();
        return Main.EXIT_OK;
    }

    private WorkerConfig config() {
        if (mongo == null || mongo.isBlank()) {
            throw usage("--mongo URL is required (or set ARCTIC_ASYNC_MONGO_URL): the MongoDB the requests run against");
        }
        String mongoUrl = mongo.trim();
        if (!mongoUrl.startsWith("mongodb://") && !mongoUrl.startsWith("mongodb+srv://")) {
            throw usage("--mongo must be a mongodb:// or mongodb+srv:// URL, was '" + SafeUrls.mask(mongoUrl) + "'");
        }
        try {
            WorkerConfig.Builder b = WorkerConfig.builder().redisUrl(redis.redisUrl()).mongoUrl(mongoUrl)
                    .namespace(redis.namespace()).maxThreads(maxThreads);
            if (workerId != null && !workerId.isBlank()) {
                b.workerId(workerId.trim());
            }
            if (heartbeatMillis != null) {
                b.heartbeatInterval(Duration.ofMillis(heartbeatMillis));
            }
            if (resultTtlSeconds != null) {
                b.resultTtl(Duration.ofSeconds(resultTtlSeconds));
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
