package io.github.arcticasync.coordinator;

import io.github.arcticasync.coordinator.internal.ControlCommands;
import io.github.arcticasync.coordinator.internal.PoolStats;
import io.github.arcticasync.coordinator.internal.RedisClients;
import io.github.arcticasync.internal.cluster.Assignment;
import io.github.arcticasync.internal.cluster.Keys;
import io.github.arcticasync.internal.cluster.PoolRecord;
import io.github.arcticasync.internal.cluster.PoolState;
import io.github.arcticasync.internal.cluster.StatCounter;
import io.github.arcticasync.testkit.RedisServer;
import io.github.arcticasync.testkit.WithRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.redisson.api.RStream;
import org.redisson.api.RedissonClient;
import org.redisson.api.StreamMessageId;
import org.redisson.api.stream.StreamAddArgs;
import org.redisson.api.stream.StreamCreateGroupArgs;
import org.redisson.api.stream.StreamReadGroupArgs;
import org.redisson.client.codec.StringCodec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The coordinator against a real redis-server: leadership, fencing, registry, handshakes, resize, life cycle, stats. */
@WithRedis
class CoordinatorIT {

    private static final Duration HEARTBEAT = Duration.ofMillis(200);
    private static final Duration LEASE = HEARTBEAT.multipliedBy(CoordinatorConfig.LEASE_HEARTBEATS);
    private static final int PARTITIONS = 8;

    private final RedisServer server;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private RedissonClient redis;
    private String namespace;
    private Keys keys;

    CoordinatorIT(RedisServer server) {
        this.server = server;
    }

    @BeforeEach
    void setUp(TestInfo info) {
        redis = RedisClients.create(server.uri(), LEASE);
        namespace = "t" + Integer.toHexString(info.getTestMethod().orElseThrow().getName().hashCode());
        keys = Keys.of(namespace, PARTITIONS);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
        redis.shutdown();
    }

    private Coordinator coordinator(String id, int poolSize) {
        Coordinator coordinator = Coordinator.start(CoordinatorConfig.builder().redisUrl(server.uri())
                .namespace(namespace).coordinatorId(id).partitions(PARTITIONS).initialPoolSize(poolSize)
                .heartbeatInterval(HEARTBEAT).build());
        closeables.add(coordinator);
        return coordinator;
    }

    private PoolRecord pool() {
        return new ControlCommands(redis, namespace).pool().orElseThrow();
    }

    @Test
    void oneOfTwoLeadsAndTheOtherTakesOverWithAHigherEpochWhenItCloses() {
        Coordinator a = coordinator("a", 4);
        Coordinator b = coordinator("b", 4);
        await().atMost(Duration.ofSeconds(5)).until(() -> a.isLeader() || b.isLeader());
        Coordinator leader = a.isLeader() ? a : b;
        Coordinator follower = leader == a ? b : a;
        assertThat(follower.isLeader()).isFalse();
        long first = leader.epoch();
        assertThat(pool().epoch()).isEqualTo(first);
        assertThat(pool().leader()).isEqualTo(leader.id());

        leader.close();
        await().atMost(LEASE.plus(HEARTBEAT.multipliedBy(3))).until(follower::isLeader);
        assertThat(follower.epoch()).isGreaterThan(first);
        assertThat(pool().leader()).isEqualTo(follower.id());
    }

    @Test
    void aLeaderWhoseLockLapsedIsFencedOutAndStepsDown() {
        Coordinator a = coordinator("a", 4);
        await().atMost(Duration.ofSeconds(5)).until(a::isLeader);
        long first = a.epoch();
        FakeWorker w = new FakeWorker(redis, keys, "w1", 4, Duration.ofSeconds(30)).register();
        await().atMost(Duration.ofSeconds(5)).until(() -> w.assignment() != null);

        // Another process takes the epoch (as a successor would after a lapse): a's next write must be refused.
        redis.getScript(StringCodec.INSTANCE).eval(org.redisson.api.RScript.Mode.READ_WRITE,
                "return redis.call('HINCRBY', KEYS[1], 'epoch', 1)", org.redisson.api.RScript.ReturnType.INTEGER,
                List.of(keys.pool()));
        new FakeWorker(redis, keys, "w2", 4, Duration.ofSeconds(30)).register();
        await().atMost(Duration.ofSeconds(5)).until(() -> !a.isLeader() || a.epoch() > first);
        // Either a stepped down, or it re-took the lead with a newer epoch; never did it write under the old one.
        Assignment written = w.assignment();
        assertThat(written.epoch()).isIn(first, a.epoch());
        await().atMost(Duration.ofSeconds(5)).until(() -> a.isLeader() && a.epoch() > first + 1);
    }

    @Test
    void partitionsMoveOnlyAfterTheOldOwnerReleasesAndThreadsStayWithinThePool() {
        Coordinator c = coordinator("c", 4);
        await().atMost(Duration.ofSeconds(5)).until(c::isLeader);
        FakeWorker w1 = new FakeWorker(redis, keys, "w1", 8, Duration.ofSeconds(30)).register();
        await().atMost(Duration.ofSeconds(5)).until(() -> w1.assignment() != null
                && w1.assignment().partitions().size() == PARTITIONS);
        w1.apply();
        assertThat(w1.assignment().threads()).isEqualTo(4);
        assertThat(w1.owned()).hasSize(PARTITIONS);

        FakeWorker w2 = new FakeWorker(redis, keys, "w2", 8, Duration.ofSeconds(30)).register();
        // The leader revokes half of w1's partitions and lowers its allotment, but w2 gets nothing w1 still owns and
        // no threads while w1's reported capacity still uses the whole pool.
        await().atMost(Duration.ofSeconds(5)).until(() -> w1.assignment().partitions().size() < PARTITIONS);
        Assignment w2Before = w2.assignment();
        if (w2Before != null) {
            assertThat(w2Before.threads()).isZero();
            assertThat(w2Before.partitions()).doesNotContainAnyElementsOf(w1.owned());
        }
        w1.apply();
        assertThat(w1.capacity()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> w2.assignment() != null && w2.assignment().threads() == 2
                && !w2.assignment().partitions().isEmpty());
        w2.apply();
        Set<Integer> all = new HashSet<>(w1.owned());
        all.addAll(w2.owned());
        assertThat(all).hasSize(PARTITIONS);
        assertThat(w1.owned()).doesNotContainAnyElementsOf(w2.owned());
        assertThat(w1.assignment().threads() + w2.assignment().threads()).isEqualTo(4);
    }

    @Test
    void aDeadWorkersClaimsAreClearedAndItsPartitionsGoToTheSurvivor() {
        Coordinator c = coordinator("c", 4);
        await().atMost(Duration.ofSeconds(5)).until(c::isLeader);
        FakeWorker w1 = new FakeWorker(redis, keys, "w1", 8, Duration.ofSeconds(30)).register();
        FakeWorker w2 = new FakeWorker(redis, keys, "w2", 8, Duration.ofMillis(600)).register();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            w1.apply();
            w2.apply();
            return w1.owned().size() + w2.owned().size() == PARTITIONS && !w2.owned().isEmpty()
                    && !w1.owned().isEmpty();
        });
        List<Integer> orphaned = w2.owned();
        // w2 stops renewing: its lease lapses in Redis, the leader clears its claims and deregisters it.
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            w1.apply();
            return w1.owned().size() == PARTITIONS;
        });
        for (int p : orphaned) {
            assertThat(redis.getBucket(keys.owner(p), StringCodec.INSTANCE).get()).isEqualTo("w1");
        }
        assertThat(redis.getSet(keys.workers(), StringCodec.INSTANCE).readAll()).containsExactly("w1");
        assertThat(redis.getMap(keys.assignment("w2"), StringCodec.INSTANCE).isExists()).isFalse();
        assertThat(w1.assignment().threads()).isEqualTo(4);
    }

    @Test
    void aWorkerWhoseLeaseIsBackIsNotForgottenByAStaleDeathVerdict() {
        Coordinator c = coordinator("c", 4);
        await().atMost(Duration.ofSeconds(5)).until(c::isLeader);
        // The leader read w9 as dead (lease gone), then w9 re-registered before the leader removed it: the removal
        // must not drop a worker that renews, or it would never get work again.
        new FakeWorker(redis, keys, "w9", 4, Duration.ofSeconds(30)).register();
        boolean stillLeading = new io.github.arcticasync.coordinator.internal.WorkerRegistry(redis, keys)
                .forget(c.epoch(), "w9");
        assertThat(stillLeading).isTrue();
        assertThat(redis.getSet(keys.workers(), StringCodec.INSTANCE).readAll()).contains("w9");
    }

    @Test
    void resizeChangesAllotmentsAndNeverHandsOutMoreThanThePool() {
        Coordinator c = coordinator("c", 4);
        await().atMost(Duration.ofSeconds(5)).until(c::isLeader);
        FakeWorker w1 = new FakeWorker(redis, keys, "w1", 8, Duration.ofSeconds(30)).register();
        FakeWorker w2 = new FakeWorker(redis, keys, "w2", 8, Duration.ofSeconds(30)).register();
        ControlCommands commands = new ControlCommands(redis, namespace);
        for (int size : new int[] {4, 2, 6}) {
            commands.resize(size);
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                w1.apply();
                w2.apply();
                // At every observation, what the workers may run stays within the pool.
                assertThat(w1.capacity() + w2.capacity()).isLessThanOrEqualTo(Math.max(size, 4));
                return w1.capacity() + w2.capacity() == size && w1.capacity() > 0 && w2.capacity() > 0;
            });
            assertThat(pool().size()).isEqualTo(size);
        }
    }

    @Test
    void shutdownClosesEveryPartitionAndTerminatesOnceTheStreamsAreDrained() throws Exception {
        Coordinator c = coordinator("c", 4);
        await().atMost(Duration.ofSeconds(5)).until(c::isLeader);
        RStream<String, String> stream = redis.getStream(keys.requestStream(3), StringCodec.INSTANCE);
        stream.createGroup(StreamCreateGroupArgs.name(Keys.CONSUMER_GROUP).makeStream());
        stream.add(StreamAddArgs.entries(Map.of("id", "r1")));

        ControlCommands commands = new ControlCommands(redis, namespace);
        commands.shutdown();
        for (int p = 0; p < PARTITIONS; p++) {
            assertThat(redis.getBucket(keys.closed(p), StringCodec.INSTANCE).isExists()).as("closed %d", p).isTrue();
        }
        assertThat(pool().state()).isEqualTo(PoolState.DRAINING);
        assertThat(commands.awaitTermination(HEARTBEAT.multipliedBy(4))).isFalse();

        Map<StreamMessageId, Map<String, String>> read = stream.readGroup(Keys.CONSUMER_GROUP, "w1",
                StreamReadGroupArgs.neverDelivered());
        assertThat(read).hasSize(1);
        assertThat(commands.awaitTermination(HEARTBEAT.multipliedBy(4))).as("still pending").isFalse();
        stream.ack(Keys.CONSUMER_GROUP, read.keySet().toArray(new StreamMessageId[0]));
        assertThat(commands.awaitTermination(Duration.ofSeconds(10))).isTrue();
        assertThat(pool().state()).isEqualTo(PoolState.TERMINATED);

        commands.reopen();
        assertThat(pool().state()).isEqualTo(PoolState.RUNNING);
        assertThat(redis.getBucket(keys.closed(0), StringCodec.INSTANCE).isExists()).isFalse();
    }

    @Test
    void statsAreTheSumOverAllPartitions() {
        new ControlCommands(redis, namespace).ensurePool(4, PARTITIONS);
        for (int p = 0; p < PARTITIONS; p++) {
            var stats = redis.<String, String>getMap(keys.stats(p), StringCodec.INSTANCE);
            stats.addAndGet(StatCounter.SUBMITTED.field(), p + 1);
            stats.addAndGet(StatCounter.COMPLETED.field(), p);
        }
        redis.<String, String>getMap(keys.stats(5), StringCodec.INSTANCE).addAndGet(StatCounter.FAILED.field(), 2);
        redis.<String, String>getMap(keys.stats(6), StringCodec.INSTANCE).addAndGet(StatCounter.RECLAIMED.field(), 3);
        redis.<String, String>getMap(keys.stats(7), StringCodec.INSTANCE).addAndGet(StatCounter.DEAD_LETTERED.field(), 1);

        PoolStats.Counters counters = new PoolStats(redis, keys).read();
        assertThat(counters).isEqualTo(new PoolStats.Counters(36, 28, 2, 3, 1));
        assertThat(counters.outstanding()).isEqualTo(5);
    }
}
