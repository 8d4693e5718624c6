package io.github.arcticasync.cli;

import io.github.arcticasync.coordinator.CoordinatorConfig;
import io.github.arcticasync.coordinator.internal.ControlCommands;
import io.github.arcticasync.coordinator.internal.RedisClients;
import io.github.arcticasync.internal.cluster.PoolRecord;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.redisson.api.RedissonClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code arctic-async pool resize N | shutdown | reopen}: the cluster-wide pool controls, from a shell. Each writes the
 * pool record through {@link ControlCommands} (the same writes as {@code resetPool} / {@code shutdown} in code); the
 * leading coordinator applies them on its next heartbeat.
 */
@Command(name = "pool",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "The pool controls of a cluster namespace.",
        subcommands = {PoolCommand.Resize.class, PoolCommand.Shutdown.class, PoolCommand.Reopen.class})
final class PoolCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    /** {@code pool} alone does nothing: that is bad usage. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing pool command (one of: "
                + String.join(", ", spec.subcommands().keySet()) + ")");
    }

    /** Runs {@code action} with the namespace's control commands on a short-lived client. */
    static <T> T withCommands(RedisOptions redis, Function<ControlCommands, T> action) {
        String url = redis.redisUrl();
        String namespace = redis.namespace();
        RedissonClient client = RedisClients.create(url, CoordinatorConfig.DEFAULT_HEARTBEAT_INTERVAL
                .multipliedBy(CoordinatorConfig.LEASE_HEARTBEATS));
        try {
            return action.apply(new ControlCommands(client, namespace));
        } finally {
            client.shutdown();
        }
    }

    /** {@code pool resize N}. */
    @Command(name = "resize", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = {"Sets the cluster-wide pool size: at most N requests run at once across all workers once",
                "the leader has rebalanced. Queued requests stay queued; running ones finish."})
    static final class Resize implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private RedisOptions redis;

        @Parameters(index = "0", paramLabel = "N", description = "The new pool size (1-" + PoolRecord.MAX_SIZE + ").")
        private int size;

        @Override
        public Integer call() {
            try {
                PoolRecord.requireSize(size);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            Integer before = withCommands(redis, commands -> {
                Optional<PoolRecord> was = commands.pool();
                commands.resize(size);
                return was.map(PoolRecord::size).orElse(null);
            });
            PrintWriter out = spec.commandLine().getOut();
            out.printf("pool of namespace %s: size %s -> %d; the leading coordinator rebalances on its next"
                    + " heartbeat%n", redis.namespace(), before == null ? "(new pool)" : before.toString(), size);
            out.flush();
            return Main.EXIT_OK;
        }
    }

    /** {@code pool shutdown}. */
    @Command(name = "shutdown", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = {"Shuts the pool down cluster-wide: new submits are refused at once; queued and running",
                "requests complete; then the pool is terminated and the workers exit. 'pool reopen' undoes it."})
    static final class Shutdown implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private RedisOptions redis;

        @Option(names = "--await", paramLabel = "SECONDS",
                description = "Also wait up to this long for the pool to be terminated (exit 1 if it is not).")
        private Long awaitSeconds;

        @Override
        public Integer call() {
            if (awaitSeconds != null && awaitSeconds < 0) {
                throw new ParameterException(spec.commandLine(), "--await must not be negative, was " + awaitSeconds);
            }
            PrintWriter out = spec.commandLine().getOut();
            boolean terminated = withCommands(redis, commands -> {
                commands.shutdown();
                out.printf("pool of namespace %s: shutting down; new submits are refused, queued requests"
                        + " complete%n", redis.namespace());
                out.flush();
                if (awaitSeconds == null) {
                    return true;
                }
                try {
                    return commands.awaitTermination(Duration.ofSeconds(awaitSeconds));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            });
            if (!terminated) {
                spec.commandLine().getErr().printf("pool shutdown: the pool was not terminated within %d s%n",
                        awaitSeconds);
                spec.commandLine().getErr().flush();
                return Main.EXIT_FAILURE;
            }
            if (awaitSeconds != null) {
                out.printf("pool of namespace %s: terminated%n", redis.namespace());
                out.flush();
            }
            return Main.EXIT_OK;
        }
    }

    /** {@code pool reopen}. */
    @Command(name = "reopen", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
            description = "Reopens a shut-down or terminated pool for submits (exited workers must be started again).")
    static final class Reopen implements Callable<Integer> {
        @Spec
        private CommandSpec spec;

        @Mixin
        private RedisOptions redis;

        @Override
        public Integer call() {
            withCommands(redis, commands -> {
                commands.reopen();
                return null;
            });
            PrintWriter out = spec.commandLine().getOut();
            out.printf("pool of namespace %s: reopened%n", redis.namespace());
            out.flush();
            return Main.EXIT_OK;
        }
    }
}
