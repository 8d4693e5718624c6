package io.github.arcticasync.worker;

import io.github.arcticasync.asynchronous.AsyncArctic;
import io.github.arcticasync.asynchronous.AsyncRequest;
import io.github.arcticasync.asynchronous.Kwargs;
import io.github.arcticasync.asynchronous.LibraryRef;
import io.github.arcticasync.coordinator.Coordinator;
import io.github.arcticasync.coordinator.CoordinatorConfig;
import io.github.arcticasync.internal.cluster.Keys;
import io.github.arcticasync.store.VersionStore;
import io.github.arcticasync.store.VersionedItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real worker JVMs: one of two is killed with SIGKILL while 500 requests are in flight; every request still completes
 * exactly once (one result, counted once), and only requests the dead worker had taken ran a second time.
 */
class WorkerCrashIT {
    private static final String NS = "crash";
    private static final LibraryRef LIB = LibraryRef.of("crash_lib");
    private static final int REQUESTS = 500;

    private static ClusterServers servers;
    private static Coordinator coordinator;
    private static final List<Process> workers = new ArrayList<>();

    @BeforeAll
    static void cluster() {
        servers = ClusterServers.start(LIB);
        coordinator = Coordinator.start(CoordinatorConfig.builder().redisUrl(servers.redisUrl()).namespace(NS)
                .coordinatorId("c1").heartbeatInterval(RedisTransportIT.HEARTBEAT).initialPoolSize(4).build());
    }

    @AfterAll
    static void stop() {
        workers.forEach(Process::destroyForcibly);
        coordinator.close();
        servers.close();
    }

    /** Starts {@code WorkerMain} in a JVM of its own, on this test's classpath. */
    static Process startWorkerProcess(String id, String redisUri, String mongoUri, String ns) throws IOException {
        Path log = Files.createTempFile("worker-" + id, ".log");
        Process p = new ProcessBuilder(List.of(
                System.getProperty("java.home") + File.separator + "bin" + File.separator + "java",
                "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                "-DARCTIC_ASYNC_REDIS_URL=" + redisUri,
                "-DARCTIC_ASYNC_MONGO_URL=" + mongoUri,
                "-DARCTIC_ASYNC_NAMESPACE=" + ns,
                "-DARCTIC_ASYNC_WORKER_ID=" + id,
                "-DARCTIC_ASYNC_WORKER_THREADS=4",
                "-DARCTIC_ASYNC_HEARTBEAT_MS=" + RedisTransportIT.HEARTBEAT.toMillis(),
                WorkerMain.class.getName()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        workers.add(p);
        return p;
    }

    @Test
    void killingOneOfTwoWorkersLosesNothingAndCompletesNothingTwice() throws Exception {
        Process a = startWorkerProcess("wa", servers.redisUrl(), servers.mongoUrl(), NS);
        Process b = startWorkerProcess("wb", servers.redisUrl(), servers.mongoUrl(), NS);
        Keys keys = Keys.of(NS);
        try (Jedis jedis = servers.newJedis()) {
            await().atMost(Duration.ofSeconds(40)).until(() -> ownersOf(jedis, keys, "wa") > 0
                    && ownersOf(jedis, keys, "wb") > 0);
        }
        AtomicInteger done = new AtomicInteger();
        List<AsyncRequest> requests = new ArrayList<>();
        try (AsyncArctic aa = AsyncArctic.builder().redis(servers.redisUrl()).namespace(NS).build()) {
            for (int i = 0; i < REQUESTS; i++) {
                AsyncRequest r = aa.submit(LIB, "write", false, "k" + i, ClusterFixtures.frame(5, i),
                        Kwargs.of("prune_previous_version", false));
                r.onComplete(x -> done.incrementAndGet());
                requests.add(r);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> done.get() >= 40);
            int completedBeforeKill = done.get();
            a.destroyForcibly(); // SIGKILL: no drain, no release, no deregistration
            assertThat(a.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(completedBeforeKill).isLessThan(REQUESTS);

            List<Object> results = aa.waitRequests(requests, Duration.ofSeconds(60));
            for (int i = 0; i < REQUESTS; i++) {
                assertThat(((VersionedItem) results.get(i)).symbol()).isEqualTo("k" + i);
            }
        }
        try (Jedis jedis = servers.newJedis()) {
            assertThat(sum(jedis, keys, "completed")).isEqualTo(REQUESTS);
            assertThat(sum(jedis, keys, "failed")).isZero();
            assertThat(sum(jedis, keys, "reclaimed")).isPositive();
        }
        VersionStore lib = servers.arctic().getLibrary(LIB.name());
        int rerun = 0;
        for (int i = 0; i < REQUESTS; i++) {
            int versions = lib.listVersions("k" + i).size();
            assertThat(versions).isBetween(1, 2);
            rerun += versions - 1;
        }
        // Only what the dead worker had taken (its allotment plus prefetch, and results not yet posted) can rerun.
        assertThat(rerun).isLessThanOrEqualTo(40);
        b.destroy(); // SIGTERM: drains
        assertThat(b.waitFor(20, TimeUnit.SECONDS)).isTrue();
        try (Jedis jedis = servers.newJedis()) {
            assertThat(jedis.sismember(keys.workers(), "wb")).isFalse();
            assertThat(ownersOf(jedis, keys, "wb")).isZero();
        }
    }

    static int ownersOf(Jedis jedis, Keys keys, String worker) {
        int n = 0;
        for (int p = 0; p < keys.partitions(); p++) {
            if (worker.equals(jedis.get(keys.owner(p)))) {
                n++;
            }
        }
        return n;
    }

    static long sum(Jedis jedis, Keys keys, String field) {
        long total = 0;
        for (int p = 0; p < keys.partitions(); p++) {
            String v = jedis.hget(keys.stats(p), field);
            total += v == null ? 0 : Long.parseLong(v);
        }
        return total;
    }
}
