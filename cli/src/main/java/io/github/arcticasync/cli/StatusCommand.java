package io.github.arcticasync.cli;

import io.github.arcticasync.internal.cluster.Assignment;
import io.github.arcticasync.internal.cluster.PoolRecord;
import io.github.arcticasync.internal.transport.redis.EvictionPolicy;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code arctic-async status}: what a namespace's cluster is doing — pool size and state, leader and epoch, live
 * workers with their threads and partitions, queue depth, counters and (from two readings) throughput.
 */
@Command(name = "status",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Shows a cluster namespace: pool size, state, epoch and leader; live workers with allotted threads and",
            "partitions; queue depth; the counters (submitted, completed, failed, reclaimed, dead-lettered); and the",
            "completed-requests rate over --sample. Exits 1 if the namespace has no pool."})
final class StatusCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private RedisOptions redis;

    @Option(names = "--sample", paramLabel = "MS", defaultValue = "1000",
            description = "Read the completed counter twice this many ms apart for the throughput; 0 skips it"
                    + " (default: ${DEFAULT-VALUE}).")
    private long sampleMillis;

    @Override
    public Integer call() throws InterruptedException {
        if (sampleMillis < 0) {
            throw new ParameterException(spec.commandLine(), "--sample must not be negative, was " + sampleMillis);
        }
        String url = redis.redisUrl();
        String namespace = redis.namespace();
        PrintWriter out = spec.commandLine().getOut();
        try (ClusterStatusReader reader = new ClusterStatusReader(url, namespace)) {
            Optional<ClusterStatus> read = reader.read();
            if (read.isEmpty()) {
                spec.commandLine().getErr().println("status: namespace '" + namespace + "' has no pool on "
                        + redis.maskedRedisUrl() + " (start a coordinator: arctic-async coordinator or up)");
                spec.commandLine().getErr().flush();
                return Main.EXIT_FAILURE;
            }
            print(out, read.get(), redis.maskedRedisUrl());
            if (sampleMillis > 0) {
                long before = read.get().counters().completed();
                long start = System.nanoTime();
                Thread.sleep(sampleMillis);
                long after = reader.completed();
                double seconds = (System.nanoTime() - start) / 1e9;
                out.printf(Locale.ROOT, "throughput   %.1f completed/s (over %.1f s)%n", (after - before) / seconds,
                        seconds);
            }
        }
        out.flush();
        return Main.EXIT_OK;
    }

    static void print(PrintWriter out, ClusterStatus status, String maskedUrl) {
        PoolRecord pool = status.pool();
        out.printf("namespace    %s on %s%n", status.namespace(), maskedUrl);
        out.printf("pool         size %d, state %s, epoch %d, %d partitions%n", pool.size(),
                pool.state().wireName(), pool.epoch(), pool.partitions());
        out.printf("leader       %s%n", pool.leader() == null || pool.leader().isEmpty() ? "(none yet)"
                : pool.leader());
        int threads = status.workers().stream().mapToInt(ClusterStatus.LiveWorker::threads).sum();
        out.printf("workers      %d live, %d threads allotted%s%n", status.workers().size(), threads,
                status.deadWorkers().isEmpty() ? "" : ", lease lapsed: " + String.join(", ", status.deadWorkers()));
        for (ClusterStatus.LiveWorker w : status.workers()) {
            out.printf("  %-28s %-8s threads %d/%d (capacity %d)  partitions %d %s  pid %d on %s%n",
                    w.lease().workerId(), w.lease().status().wireName(), w.threads(), w.lease().maxThreads(),
                    w.lease().capacity(), w.partitions().size(),
                    w.partitions().isEmpty() ? "" : "[" + Assignment.formatPartitions(w.partitions()) + "]",
                    w.lease().pid(), w.lease().host());
        }
        ClusterStatus.Counters c = status.counters();
        out.printf("queue        %d outstanding (submitted, not finished); %d stream entries, %d pending%n",
                c.outstanding(), status.streamEntries(), status.pending());
        out.printf("counters     submitted %d, completed %d, failed %d, reclaimed %d, dead-lettered %d%n",
                c.submitted(), c.completed(), c.failed(), c.reclaimed(), c.deadLettered());
        String policy = status.evictionPolicy();
        out.printf("redis        maxmemory-policy %s%s%n", policy == null ? "unknown (INFO not readable)" : policy,
                policy == null || policy.equals(EvictionPolicy.SAFE) ? ""
                        : "  WARNING: Redis may delete queued requests and results when full; set noeviction");
        out.flush();
    }
}
