package io.github.arcticasync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.arcticasync.asynchronous.AsyncArctic;
import io.github.arcticasync.asynchronous.AsyncRequest;
import io.github.arcticasync.asynchronous.LibraryRef;
import io.github.arcticasync.internal.cluster.Keys;
import io.github.arcticasync.internal.cluster.PoolRecord;
import io.github.arcticasync.store.Arctic;
import io.github.arcticasync.store.DataFrame;
import io.github.arcticasync.store.VersionedItem;
import io.github.arcticasync.testkit.MongoServer;
import io.github.arcticasync.testkit.MongoServers;
import io.github.arcticasync.testkit.RedisServer;
import io.github.arcticasync.testkit.RedisServers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;

/**
 * The cluster commands as real processes: {@code coordinator} and {@code worker} run as child JVMs against a real
 * redis-server and MongoDB; a client submits through {@code AsyncArctic.builder().redis(url)}; {@code status} and
 * {@code pool} run in this JVM as an operator would run them from a shell.
 */
class CliClusterIT {

    /** Short heartbeats (lease 3 × 300 ms) so joins, leaves and failover settle quickly. */
    private static final String HEARTBEAT_MS = "300";
    private static final String LIB = "cli_it";
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static RedisServer redis;
    private static MongoServer mongo;
    private final List<CliProcesses.Child> children = new ArrayList<>();

    @BeforeAll
    static void startServers() {
        redis = RedisServers.start();
        mongo = MongoServers.start();
        try (Arctic arctic = Arctic.connect(mongo.connectionString())) {
            arctic.initializeLibrary(LIB);
        }
    }

    @AfterAll
    static void stopServers() {
        if (mongo != null) {
            mongo.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @AfterEach
    void stopChildren() throws InterruptedException {
        for (CliProcesses.Child child : children) {
            child.process().destroyForcibly();
            child.process().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private CliProcesses.Child coordinator(String ns, String id, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("coordinator", "--redis", redis.uri(), "--namespace", ns,
                "--coordinator-id", id, "--pool-size", "4", "--heartbeat-ms", HEARTBEAT_MS, "--metrics-port", "0",
                "--metrics-host", "127.0.0.1"));
        args.addAll(List.of(more));
        CliProcesses.Child child = CliProcesses.start("coordinator-" + id, Map.of(), args.toArray(new String[0]));
        children.add(child);
        return child;
    }

    private CliProcesses.Child worker(String ns, String id) throws Exception {
        // MongoDB URL, thread cap and heartbeat through the environment, as docker-compose passes settings.
        CliProcesses.Child child = CliProcesses.start("worker-" + id,
                Map.of("ARCTIC_ASYNC_MONGO_URL", mongo.connectionString(), "ARCTIC_ASYNC_WORKER_THREADS", "3",
                        "ARCTIC_ASYNC_HEARTBEAT_MS", HEARTBEAT_MS),
                "worker", "--redis", redis.uri(), "--namespace", ns, "--worker-id", id, "--metrics-port", "0",
                "--metrics-host", "127.0.0.1");
        children.add(child);
        return child;
    }

    /** GET of the child's metrics endpoint, whose port it printed at start. */
    private static String scrape(CliProcesses.Child child) throws Exception {
        AtomicReference<String> port = new AtomicReference<>();
        await().atMost(WAIT).until(() -> {
            Matcher m = Pattern.compile("metrics: http://127\\.0\\.0\\.1:(\\d+)/metrics").matcher(child.output());
            if (m.find()) {
                port.set(m.group(1));
            }
            return port.get() != null;
        });
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port.get() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The value of the sample {@code name{labels}} in a Prometheus text page, or 0 if absent. */
    private static double sample(String page, String nameAndLabels) {
        return page.lines().filter(l -> l.startsWith(nameAndLabels + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(nameAndLabels.length() + 1).trim())).orElse(0.0);
    }

    private static CliProcesses.Run status(String ns) {
        return CliProcesses.inProcess("status", "--redis", redis.uri(), "--namespace", ns, "--sample", "0");
    }

    /** Waits until {@code status} shows each worker holding at least one partition. */
    private static void awaitWorkersWithPartitions(String ns, String... workerIds) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            CliProcesses.Run run = status(ns);
            if (run.exitCode() != 0) {
                return false;
            }
            for (String id : workerIds) {
                if (!run.out().lines().anyMatch(l -> l.contains(id) && l.matches(".*partitions [1-9]\\d* .*"))) {
                    return false;
                }
            }
            return true;
        });
    }

    private static List<AsyncRequest> submitWrites(AsyncArctic aa, String prefix, int count) {
        List<AsyncRequest> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            requests.add(aa.submit(LibraryRef.of(LIB), "write", true, prefix + i, frame(i)));
        }
        return requests;
    }

    private static void assertWritten(AsyncArctic aa, List<AsyncRequest> requests, String prefix) {
        List<Object> results = aa.waitRequests(requests, WAIT);
        for (int i = 0; i < results.size(); i++) {
            assertThat(((VersionedItem) results.get(i)).symbol()).isEqualTo(prefix + i);
        }
    }

    static DataFrame frame(int seed) {
        long[] index = new long[5];
        double[] values = new double[5];
        for (int i = 0; i < index.length; i++) {
            index[i] = 1_700_000_000_000_000_000L + i * 60_000_000_000L;
            values[i] = seed + i / 10.0;
        }
        return DataFrame.builder().datetimeIndex(index).column("v", values).build();
    }

    @Test
    void workersRunRequestsStatusShowsThemPoolResizesAndSigtermDrainsToExitZero() throws Exception {
        String ns = "cli-cluster";
        CliProcesses.Child c1 = coordinator(ns, "c1");
        CliProcesses.Child a = worker(ns, "wa");
        CliProcesses.Child b = worker(ns, "wb");
        awaitWorkersWithPartitions(ns, "wa", "wb");

        try (AsyncArctic aa = AsyncArctic.builder().redis(redis.uri()).namespace(ns).build()) {
            assertWritten(aa, submitWrites(aa, "s", 20), "s");
            // Each worker's Prometheus endpoint counts what it completed; together, the 20 writes.
            String completed = "arctic_async_worker_completed_total{namespace=\"" + ns + "\",worker=\"";
            await().atMost(WAIT).until(() -> sample(scrape(a), completed + "wa\"}")
                    + sample(scrape(b), completed + "wb\"}") == 20.0);
            String coordinatorPage = scrape(c1);
            assertThat(sample(coordinatorPage, "arctic_async_coordinator_leader{coordinator=\"c1\",namespace=\""
                    + ns + "\"}")).isEqualTo(1.0);
            assertThat(coordinatorPage).contains("jvm_memory_used_bytes");

            CliProcesses.Run shown = status(ns);
            assertThat(shown.exitCode()).as(shown.err()).isZero();
            assertThat(shown.out()).contains("pool         size 4, state running").contains("leader       c1")
                    .contains("workers      2 live").contains("wa").contains("wb")
                    .containsPattern("wa +\\S+ +threads \\d+/3 ").containsPattern("wb +\\S+ +threads \\d+/3 ")
                    .contains("counters     submitted 20, completed 20, failed 0, reclaimed 0, dead-lettered 0")
                    .contains("redis        maxmemory-policy noeviction").doesNotContain("WARNING")
                    .contains("queue        0 outstanding");

            CliProcesses.Run resized = CliProcesses.inProcess("pool", "resize", "2", "--redis", redis.uri(),
                    "--namespace", ns);
            assertThat(resized.exitCode()).as(resized.err()).isZero();
            assertThat(resized.out()).contains("size 4 -> 2");
            await().atMost(WAIT).until(() -> status(ns).out().contains("pool         size 2,")
                    && status(ns).out().contains("2 threads allotted"));

            // SIGTERM to a worker with requests queued: it drains and exits 0, and nothing is lost.
            List<AsyncRequest> more = submitWrites(aa, "t", 30);
            a.process().toHandle().destroy();
            assertThat(a.process().waitFor(60, TimeUnit.SECONDS)).as(a.output()).isTrue();
            assertThat(a.process().exitValue()).as(a.output()).isZero();
            assertThat(a.output()).contains("SIGTERM, draining").contains("drained and deregistered");
            assertWritten(aa, more, "t");
        }
        try (Jedis jedis = new Jedis(new HostAndPort(redis.host(), redis.port()))) {
            assertThat(jedis.sismember(Keys.of(ns).workers(), "wa")).isFalse();
        }
        CliProcesses.Run after = status(ns);
        assertThat(after.out()).contains("workers      1 live").contains("completed 50,");
        assertThat(b.process().isAlive()).isTrue();
    }

    @Test
    void killingTheLeadingCoordinatorHandsTheLeadToTheOtherAndWorkContinues() throws Exception {
        String ns = "cli-failover";
        CliProcesses.Child c1 = coordinator(ns, "c1");
        await().atMost(WAIT).until(() -> "c1".equals(pool(ns).leader()));
        CliProcesses.Child c2 = coordinator(ns, "c2");
        worker(ns, "w1");
        awaitWorkersWithPartitions(ns, "w1");
        long epoch = pool(ns).epoch();
        assertThat(c2.process().isAlive()).as(c2.output()).isTrue();

        c1.process().destroyForcibly(); // kill -9: no hand-over, the lock must lapse
        assertThat(c1.process().waitFor(10, TimeUnit.SECONDS)).isTrue();
        // The lease is 3 heartbeats (900 ms); c2 tries every heartbeat. 15 s only bounds a hang.
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                .until(() -> "c2".equals(pool(ns).leader()));
        assertThat(pool(ns).epoch()).isGreaterThan(epoch);

        // The new leader assigns: a worker that joins now gets partitions, and requests complete.
        worker(ns, "w2");
        awaitWorkersWithPartitions(ns, "w1", "w2");
        try (AsyncArctic aa = AsyncArctic.builder().redis(redis.uri()).namespace(ns).build()) {
            assertWritten(aa, submitWrites(aa, "f", 10), "f");
        }
        assertThat(status(ns).out()).contains("leader       c2");
    }

    @Test
    void demoRunsOnTheClusterThroughRedis() throws Exception {
        String ns = "cli-demo";
        coordinator(ns, "c1");
        worker(ns, "dw");
        awaitWorkersWithPartitions(ns, "dw");
        CliProcesses.Run run = CliProcesses.inProcess("demo", "--redis", redis.uri(), "--namespace", ns, "--mongo",
                mongo.connectionString(), "--library", "cli_demo", "--rows", "2000", "--plain");
        assertThat(run.exitCode()).as("stderr: %s%nstdout: %s", run.err(), run.out()).isZero();
        assertThat(run.out()).contains("Redis cluster at " + redis.uri()).contains("1 live worker(s)")
                .contains("resetPool(4) -> the cluster's pool size before the demo")
                .containsPattern("Summary: \\d+ requests submitted");
        assertThat(status(ns).out()).contains("pool         size 4,");
    }

    @Test
    void demoOnAClusterWithoutWorkersFailsAtOnceSayingSo() throws Exception {
        String ns = "cli-demo-empty";
        CliProcesses.inProcess("pool", "resize", "3", "--redis", redis.uri(), "--namespace", ns);
        CliProcesses.Run run = CliProcesses.inProcess("demo", "--redis", redis.uri(), "--namespace", ns, "--mongo",
                mongo.connectionString(), "--library", "cli_demo_empty", "--rows", "2000", "--plain");
        assertThat(run.exitCode()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(run.err()).contains("no live workers in namespace " + ns);
    }

    @Test
    void deadLettersListsWhatAWorkerCouldNotRunWithTheReason() throws Exception {
        String ns = "cli-dead";
        coordinator(ns, "c1", "--partitions", "16");
        // The pool's creator sets its partition count: the worker starts only once the coordinator has made it.
        await().atMost(WAIT).until(() -> status(ns).exitCode() == 0);
        worker(ns, "wd");
        awaitWorkersWithPartitions(ns, "wd");
        assertThat(status(ns).out()).contains("16 partitions").containsPattern("wd .* partitions 16 ");
        String[] args = {"dead-letters", "--redis", redis.uri(), "--namespace", ns};
        assertThat(CliProcesses.inProcess(args).out()).contains("dead letters  0 in aa:{cli-dead}:dead on");

        Keys keys = Keys.of(ns);
        try (Jedis jedis = new Jedis(new HostAndPort(redis.host(), redis.port()))) {
            // Poison, as a foreign or corrupted producer could write it: an envelope that is not BSON at all.
            jedis.xadd(keys.requestStream(0), StreamEntryID.NEW_ENTRY,
                    Map.of("id", "poison-1", "env", "not an envelope", "reply", ""));
            await().atMost(WAIT).until(() -> CliProcesses.inProcess(args).out().contains("dead letters  1 in"));
            // A large envelope staged in a key that expired before a worker took the request.
            jedis.xadd(keys.requestStream(1), StreamEntryID.NEW_ENTRY,
                    Map.of("id", "gone-1", "envkey", "aa:{cli-dead:1}:env:gone-1", "reply", ""));
        }
        await().atMost(WAIT).until(() -> CliProcesses.inProcess(args).out().contains("dead letters  2 in"));

        CliProcesses.Run run = CliProcesses.inProcess(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("(newest first, 2 shown)")
                .containsPattern("request poison-1  \\(envelope does not decode\\)  deliveries 1  worker wd")
                .contains("reason: undecodable request")
                .containsPattern("request gone-1  \\(no envelope\\)  deliveries 1  worker wd")
                .contains("reason: its staged envelope aa:{cli-dead:1}:env:gone-1 is gone");
        assertThat(run.out().indexOf("gone-1")).as("newest first").isLessThan(run.out().indexOf("poison-1"));
        CliProcesses.Run one = CliProcesses.inProcess("dead-letters", "--redis", redis.uri(), "--namespace", ns,
                "--count", "1");
        assertThat(one.out()).contains("(newest first, 1 shown)").doesNotContain("poison-1");
        CliProcesses.Run zero = CliProcesses.inProcess("dead-letters", "--redis", redis.uri(), "--count", "0");
        assertThat(zero.exitCode()).isEqualTo(Main.EXIT_USAGE);
        assertThat(zero.err()).contains("--count must be 1-10000, was 0");
        CliProcesses.Run typo = CliProcesses.inProcess("dead-letters", "--redis", redis.uri(), "--namespace",
                "cli-deda");
        assertThat(typo.exitCode()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(typo.err()).contains("namespace 'cli-deda' has no pool");
    }

    @Test
    void statusOfANamespaceWithoutAPoolFailsWithAReason() {
        CliProcesses.Run run = status("no-such-pool");
        assertThat(run.exitCode()).isEqualTo(Main.EXIT_FAILURE);
        assertThat(run.err()).contains("namespace 'no-such-pool' has no pool");
    }

    private static PoolRecord pool(String ns) {
        try (Jedis jedis = new Jedis(new HostAndPort(redis.host(), redis.port()))) {
            Map<String, String> hash = jedis.hgetAll(Keys.of(ns).pool());
            return hash.isEmpty() ? PoolRecord.initial(1, Keys.DEFAULT_PARTITIONS) : PoolRecord.fromHash(hash);
        }
    }
}
