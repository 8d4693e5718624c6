package io.github.arcticasync.cli;

import io.github.arcticasync.internal.cluster.Keys;
import io.github.arcticasync.internal.cluster.PoolRecord;
import io.github.arcticasync.internal.transport.SafeUrls;
import io.github.arcticasync.internal.transport.redis.RedisUrl;
import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code arctic-async up}: a whole cluster on this machine — redis-server and an embedded MongoDB unless given, a
 * coordinator and N workers as child JVMs — until Ctrl-C / SIGTERM, when it stops them by PID in the order workers,
 * coordinator, redis, MongoDB.
 */
@Command(name = "up",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Runs a local cluster until Ctrl-C: redis-server (AOF on, in --data-dir) unless --redis is given, an",
            "embedded MongoDB (H2 file in --data-dir) unless --mongo is given, one coordinator and N workers as",
            "child JVMs, their output prefixed with their names. Prints the --redis/--mongo URLs to use from",
            "other shells (demo, status, pool, your own AsyncArctic.builder().redis(url))."})
final class UpCommand implements Callable<Integer> {

    /** Default data folder: Redis's AOF and the embedded MongoDB's file, kept between runs. */
    static final Path DEFAULT_DATA_DIR = Paths.get(System.getProperty("user.home"), ".arctic-async", "up");
    /** How long a worker may drain after SIGTERM before it is killed. */
    static final Duration WORKER_GRACE = Duration.ofSeconds(60);
    /** How long the coordinator and redis-server may take to stop after SIGTERM. */
    static final Duration SERVER_GRACE = Duration.ofSeconds(15);

    @Spec
    private CommandSpec spec;

    @Option(names = "--workers", paramLabel = "N", required = true, description = "Worker processes to start (1-64).")
    private int workers;

    @Option(names = "--redis", paramLabel = "URL",
            description = "Use this Redis instead of starting redis-server.")
    private String redisUrl;

    @Option(names = "--mongo", paramLabel = "URL",
            description = "Use this MongoDB instead of the embedded one.")
    private String mongoUrl;

    @Option(names = "--namespace", paramLabel = "NS", defaultValue = RedisOptions.DEFAULT_NAMESPACE,
            description = "The pool's namespace (default: ${DEFAULT-VALUE}).")
    private String namespace;

    @Option(names = "--pool-size", paramLabel = "N",
            description = "Pool size a new pool is created with (an existing pool keeps its own; default 4).")
    private Integer poolSize;

    @Option(names = "--max-threads", paramLabel = "N", defaultValue = "16",
            description = "Each worker's --max-threads (default: ${DEFAULT-VALUE}).")
    private int maxThreads;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Folder of the local Redis's AOF and the embedded MongoDB's file (default: ~/.arctic-async/up).")
    private Path dataDir;

    @Option(names = "--heartbeat-ms", paramLabel = "MS", hidden = true,
            description = "Heartbeat of the coordinator and workers (default 1000).")
    private Integer heartbeatMillis;

    @Override
    public Integer call() throws InterruptedException {
        checkOptions();
        PrintWriter out = spec.commandLine().getOut();
        StopSignal stop = StopSignal.install();
        Path dir = (dataDir == null ? DEFAULT_DATA_DIR : dataDir).toAbsolutePath().normalize();
        ChildProcess redis = null;
        EmbeddedMongo mongo = null;
        ChildProcess coordinator = null;
        List<ChildProcess> workerProcesses = new ArrayList<>();
        int exitCode = Main.EXIT_OK;
        try {
            String redisToUse = redisUrl;
            if (redisToUse == null) {
                RedisServerProcess.Started started = RedisServerProcess.start(dir.resolve("redis"), out);
                redis = started.process();
                redisToUse = started.url();
            }
            String mongoToUse = mongoUrl;
            if (mongoToUse == null) {
                mongo = EmbeddedMongo.start(dir.resolve("mongo"));
                mongoToUse = mongo.connectionString();
            }
            Map<String, String> environment = new HashMap<>();
            // URLs go to the children through their environment, not their command line, where `ps` would show a
            // password.
            environment.put("ARCTIC_ASYNC_REDIS_URL", redisToUse);
            environment.put("ARCTIC_ASYNC_MONGO_URL", mongoToUse);
            environment.put("ARCTIC_ASYNC_NAMESPACE", namespace);
            // A metrics port set for up itself would make every child bind that one port, and all but one fail.
            environment.put("ARCTIC_ASYNC_METRICS_PORT", null);
            coordinator = ChildProcess.start("coordinator", childCommand("coordinator", coordinatorArgs()),
                    environment, out);
            for (int i = 1; i <= workers; i++) {
                workerProcesses.add(ChildProcess.start("worker-" + i, childCommand("worker",
                        workerArgs("up-" + ProcessHandle.current().pid() + "-worker-" + i)), environment, out));
            }
            printUrls(out, redisToUse, mongoToUse, redis, mongo, coordinator, workerProcesses, dir);
            watch(stop, coordinator, workerProcesses);
            stop.await();
            synchronized (out) {
                out.printf("up: %s; stopping workers, coordinator, redis, MongoDB%n", stop.reason());
                out.flush();
            }
            if (stop.reason() != null && stop.reason().contains("exited with code")
                    && !stop.reason().endsWith("code 0")) {
                exitCode = Main.EXIT_FAILURE;
            }
        } finally {
            stopAll(out, workerProcesses, coordinator, redis, mongo);
        }
        return exitCode;
    }

    private void checkOptions() {
        if (workers < 1 || workers > 64) {
            throw usage("--workers must be 1-64, was " + workers);
        }
        if (maxThreads < 1) {
            throw usage("--max-threads must be at least 1, was " + maxThreads);
        }
        if (poolSize != null) {
            try {
                PoolRecord.requireSize(poolSize);
            } catch (IllegalArgumentException e) {
                throw usage("--pool-size: " + e.getMessage());
            }
        }
        try {
            Keys.requireNamespace(namespace);
        } catch (IllegalArgumentException e) {
            throw usage("--namespace: " + e.getMessage());
        }
        if (redisUrl != null) {
            try {
                RedisUrl.parse(redisUrl);
            } catch (IllegalArgumentException e) {
                throw usage("--redis: " + e.getMessage());
            }
        }
        if (mongoUrl != null && !(mongoUrl.startsWith("mongodb://") || mongoUrl.startsWith("mongodb+srv://"))) {
            throw usage("--mongo must be a mongodb:// or mongodb+srv:// URL, was '" + SafeUrls.mask(mongoUrl) + "'");
        }
        if (redisUrl != null && mongoUrl != null && dataDir != null) {
            throw usage("--data-dir is unused when both --redis and --mongo are given");
        }
    }

    private List<String> coordinatorArgs() {
        List<String> args = new ArrayList<>();
        if (poolSize != null) {
            args.add("--pool-size");
            args.add(poolSize.toString());
        }
        addHeartbeat(args);
        return args;
    }

    private List<String> workerArgs(String workerId) {
        List<String> args = new ArrayList<>(List.of("--worker-id", workerId, "--max-threads",
                Integer.toString(maxThreads)));
        addHeartbeat(args);
        return args;
    }

    private void addHeartbeat(List<String> args) {
        if (heartbeatMillis != null) {
            args.add("--heartbeat-ms");
            args.add(heartbeatMillis.toString());
        }
    }

    /** The same java binary and class path as this process, running {@link Main} with {@code command}. */
    static List<String> childCommand(String command, List<String> args) {
        String java = ProcessHandle.current().info().command()
                .orElse(System.getProperty("java.home") + File.separator + "bin" + File.separator + "java");
        List<String> line = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), command));
        line.addAll(args);
        return line;
    }

    /** A child that exits while the cluster runs ends {@code up}: the cluster it promised is no longer there. */
    private static void watch(StopSignal stop, ChildProcess coordinator, List<ChildProcess> workers) {
        List<ChildProcess> all = new ArrayList<>(workers);
        all.add(coordinator);
        for (ChildProcess child : all) {
            Thread watcher = new Thread(() -> {
                try {
                    int code = child.waitFor();
                    if (!child.isStopping()) {
                        stop.request(child.name() + " (pid " + child.pid() + ") exited with code " + code);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "arctic-async-up-watch-" + child.name());
            watcher.setDaemon(true);
            watcher.start();
        }
    }

    private void printUrls(PrintWriter out, String redisToUse, String mongoToUse, ChildProcess redis,
                           EmbeddedMongo mongo, ChildProcess coordinator, List<ChildProcess> workerProcesses,
                           Path dir) {
        String redisShown = SafeUrls.mask(redisToUse);
        String mongoShown = SafeUrls.mask(mongoToUse);
        synchronized (out) {
            out.printf("up: local cluster of namespace %s%n", namespace);
            out.printf("  redis        %s%s%n", redisShown, redis == null ? " (given)"
                    : " (redis-server pid " + redis.pid() + ", AOF in " + dir.resolve("redis") + ")");
            out.printf("  mongo        %s%s%n", mongoShown, mongo == null ? " (given)"
                    : " (embedded in this process, data in " + mongo.dataDir() + ")");
            out.printf("  coordinator  pid %d%n", coordinator.pid());
            for (ChildProcess w : workerProcesses) {
                out.printf("  %-12s pid %d%n", w.name(), w.pid());
            }
            out.printf("Use it from another shell with: --redis %s --mongo %s%n", redisShown, mongoShown);
            out.printf("  arctic-async status --redis %s%s%n", redisShown,
                    RedisOptions.DEFAULT_NAMESPACE.equals(namespace) ? "" : " --namespace " + namespace);
            out.printf("  arctic-async demo --redis %s --mongo %s%n", redisShown, mongoShown);
            out.println("Ctrl-C stops the cluster.");
            out.flush();
        }
    }

    /** Workers (all at once, each drains), then the coordinator, then redis-server, then MongoDB. */
    private static void stopAll(PrintWriter out, List<ChildProcess> workers, ChildProcess coordinator,
                                ChildProcess redis, EmbeddedMongo mongo) throws InterruptedException {
        try {
            for (ChildProcess w : workers) {
                w.terminate();
            }
            for (ChildProcess w : workers) {
                report(out, w, w.awaitOrKill(WORKER_GRACE));
            }
            if (coordinator != null) {
                report(out, coordinator, coordinator.stop(SERVER_GRACE));
            }
            if (redis != null) {
                report(out, redis, redis.stop(SERVER_GRACE));
            }
        } finally {
            if (mongo != null) {
                mongo.close();
                synchronized (out) {
                    out.println("up: embedded MongoDB stopped");
                    out.flush();
                }
            }
        }
    }

    private static void report(PrintWriter out, ChildProcess child, int code) {
        synchronized (out) {
            out.printf("up: %s %s%n", child, code < 0 ? "did not stop in time and was killed"
                    : "stopped (exit code " + code + ")");
            out.flush();
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
