package io.github.arcticasync.cli;

import io.github.arcticasync.coordinator.Coordinator;
import io.github.arcticasync.coordinator.CoordinatorConfig;
import io.github.arcticasync.internal.transport.SafeUrls;
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
 * {@code arctic-async coordinator}: a coordinator of one namespace, running until SIGTERM / Ctrl-C, when it hands the
 * lead over at once and exits 0. Several may run; one leads, the others take over within the lease when it dies.
 */
@Command(name = "coordinator",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Runs a coordinator: the pool's owner. Several may run; one leads (the others take over within the",
            "leader lease, 3 heartbeats, if it dies). The leader allots partitions and threads to the live workers",
            "so that at most the pool size of requests run at once across the cluster."})
final class CoordinatorCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private RedisOptions redis;

    @Mixin
    private MetricsOptions metrics;

    @Option(names = "--pool-size", paramLabel = "N", defaultValue = "${env:ARCTIC_ASYNC_POOL_SIZE}",
            description = "Pool size the namespace's pool is created with if it has none yet (an existing pool keeps"
                    + " its size; 'pool resize' changes it). Default $ARCTIC_ASYNC_POOL_SIZE, else 4.")
    private Integer poolSize;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "${env:ARCTIC_ASYNC_PARTITIONS}",
            description = "Partitions the namespace's pool is created with if it has none yet: the most workers that"
                    + " can get work. Fixed for the namespace's life, and set by whichever process creates the pool"
                    + " first, so start this coordinator before any client or worker. Default"
                    + " $ARCTIC_ASYNC_PARTITIONS, else 64.")
    private Integer partitions;

    @Option(names = "--coordinator-id", paramLabel = "ID",
            description = "This coordinator's id (default: coordinator-<pid>-<random>).")
    private String coordinatorId;

    @Option(names = "--heartbeat-ms", paramLabel = "MS", hidden = true,
            defaultValue = "${env:ARCTIC_ASYNC_HEARTBEAT_MS}",
            description = "Heartbeat interval; the leader lease is three of them (default $ARCTIC_ASYNC_HEARTBEAT_MS, "
                    + "else 1000). Keep it equal to the workers'.")
    private Integer heartbeatMillis;

    @Override
    public Integer call() throws InterruptedException {
        CoordinatorConfig config = config();
        PrintWriter out = spec.commandLine().getOut();
        StopSignal stop = StopSignal.install();
        try (MetricsEndpoint endpoint = metrics.startIfAsked(out);
             Coordinator coordinator = Coordinator.start(config, endpoint == null ? null : endpoint.registry())) {
            out.printf("coordinator %s: running on %s (namespace %s); leader lease %d ms; SIGTERM or Ctrl-C stops it%n",
                    coordinator.id(), SafeUrls.mask(config.redisUrl()), config.namespace(),
                    config.leaseTime().toMillis());
            out.flush();
            stop.await();
            out.printf("coordinator %s: %s, stopping%s%n", coordinator.id(), stop.reason(),
                    coordinator.isLeader() ? " and handing the lead over" : "");
            out.flush();
        }
        return Main.EXIT_OK;
    }

    private CoordinatorConfig config() {
        try {
            CoordinatorConfig.Builder b = CoordinatorConfig.builder().redisUrl(redis.redisUrl())
                    .namespace(redis.namespace());
            if (poolSize != null) {
                b.initialPoolSize(poolSize);
            }
            if (partitions != null) {
                b.partitions(partitions);
            }
            if (coordinatorId != null) {
                b.coordinatorId(coordinatorId);
            }
            if (heartbeatMillis != null) {
                b.heartbeatInterval(Duration.ofMillis(heartbeatMillis));
            }
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
