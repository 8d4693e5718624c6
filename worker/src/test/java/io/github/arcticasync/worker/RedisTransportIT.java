package io.github.arcticasync.worker;

import io.github.arcticasync.asynchronous.AsyncArctic;
import io.github.arcticasync.asynchronous.AsyncArcticException;
import io.github.arcticasync.asynchronous.AsyncRequest;
import io.github.arcticasync.asynchronous.Kwargs;
import io.github.arcticasync.asynchronous.LibraryRef;
import io.github.arcticasync.asynchronous.RequestDurationException;
import io.github.arcticasync.coordinator.Coordinator;
import io.github.arcticasync.coordinator.CoordinatorConfig;
import io.github.arcticasync.internal.cluster.Keys;
import io.github.arcticasync.internal.transport.redis.DataPlaneKeys;
import io.github.arcticasync.internal.transport.redis.StreamScripts;
import io.github.arcticasync.store.DataFrame;
import io.github.arcticasync.store.NoDataFoundException;
import io.github.arcticasync.store.VersionedItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ClientKillParams;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static io.github.arcticasync.worker.ClusterFixtures.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * AsyncArctic over the Redis Streams transport, end to end: a real redis-server, an embedded MongoDB, one coordinator
 * and two workers in this JVM, clients talking only Redis ({@link LibraryRef}).
 */
class RedisTransportIT {
    static final Duration LONG = Duration.ofSeconds(30);
    static final Duration HEARTBEAT = Duration.ofMillis(500); // 200 ms leases lapse on a loaded 2-core machine
    private static final String NS = "it";
    private static final LibraryRef LIB = LibraryRef.of("redis_it");

    private static ClusterServers servers;
    private static Coordinator coordinator;
    private static Worker w1;
    private static Worker w2;
    private static AsyncArctic aa;

    @BeforeAll
    static void cluster() {
        servers = ClusterServers.start(LIB);
        coordinator = Coordinator.start(CoordinatorConfig.builder().redisUrl(servers.redisUrl()).namespace(NS)
                .coordinatorId("c1").heartbeatInterval(HEARTBEAT).initialPoolSize(4).build());
        w1 = Worker.start(workerConfig("w1"));
        w2 = Worker.start(workerConfig("w2"));
        aa = AsyncArctic.builder().redis(servers.redisUrl()).namespace(NS).build();
    }

    static WorkerConfig workerConfig(String id) {
        return WorkerConfig.builder().redisUrl(servers.redisUrl()).mongoUrl(servers.mongoUrl()).namespace(NS)
                .workerId(id).maxThreads(4).heartbeatInterval(HEARTBEAT).build();
    }

    @AfterAll
    static void stop() {
        ClusterFixtures.closeAll(aa, w1, w2, coordinator, servers);
    }

    @Test
    void writesAndReadsRunOnRemoteWorkersAndComeBackEqual() {
        List<AsyncRequest> writes = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            writes.add(aa.submit(LIB, "write", false, "S" + i, frame(20, i), Kwargs.of("metadata", Map.of("i", i))));
        }
        assertThat(aa.waitRequests(writes, LONG)).allSatisfy(r -> assertThat(((VersionedItem) r).version())
                .isEqualTo(1));
        for (int i = 0; i < 6; i++) {
            VersionedItem item = (VersionedItem) aa.waitRequest(aa.submit(LIB, "read", false, "S" + i), LONG);
            assertThat(item.data()).isEqualTo(frame(20, i));
            assertThat(item.metadata()).containsEntry("i", i);
        }
        assertThat(writes.get(0).isCompleted()).isTrue();
        assertThat(writes.get(0).startTime()).isNotNull();
    }

    @Test
    void writesToOneSymbolBecomeVersionsInSubmitOrder() {
        List<AsyncRequest> writes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            writes.add(aa.submit(LIB, "write", false, "ORDER", frame(3, i), Kwargs.of("prune_previous_version",
                    false)));
        }
        List<Object> results = aa.waitRequests(writes, LONG);
        for (int i = 0; i < results.size(); i++) {
            assertThat(((VersionedItem) results.get(i)).version()).isEqualTo(i + 1);
        }
    }

    @Test
    void theOperationsErrorIsRethrownAsTheSameArcticType() {
        AsyncRequest r = aa.submit(LIB, "read", false, "NO_SUCH_SYMBOL");
        assertThatThrownBy(() -> aa.waitRequest(r, LONG)).isInstanceOf(NoDataFoundException.class);
        assertThat(r.exception()).isInstanceOf(NoDataFoundException.class);
    }

    @Test
    void thousandsOfWaitersFromOneClientUseABoundedNumberOfConnections() throws Exception {
        List<AsyncRequest> rs = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            rs.add(aa.submit(LIB, "has_symbol", false, "W" + (i % 100)));
        }
        // 40 threads each block on their own 50 requests, one waitRequest at a time.
        java.util.concurrent.ExecutorService waiters = java.util.concurrent.Executors.newFixedThreadPool(40);
        try {
            List<java.util.concurrent.Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < 40; t++) {
                List<AsyncRequest> mine = rs.subList(t * 50, (t + 1) * 50);
                done.add(waiters.submit(() -> {
                    int n = 0;
                    for (AsyncRequest r : mine) {
                        assertThat(aa.waitRequest(r, LONG)).isEqualTo(false);
                        n++;
                    }
                    return n;
                }));
            }
            int total = 0;
            for (java.util.concurrent.Future<Integer> f : done) {
                total += f.get();
            }
            assertThat(total).isEqualTo(2000);
        } finally {
            waiters.shutdownNow();
        }
        long clientConnections;
        try (Jedis jedis = servers.newJedis()) {
            clientConnections = jedis.clientList().lines().filter(l -> l.contains(" name=aa-client-")).count();
        }
        assertThat(clientConnections).isBetween(1L,
                (long) io.github.arcticasync.internal.transport.redis.RedisStreamsTransport.DEFAULT_MAX_CONNECTIONS + 2);
    }

    @Test
    void manyWaitersOnManyRequestsAllComplete() {
        List<AsyncRequest> rs = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            rs.add(aa.submit(LIB, "has_symbol", false, "H" + (i % 50)));
        }
        assertThat(aa.waitRequests(rs, LONG)).hasSize(500).containsOnly(false);
    }

    /**
     * Envelopes and results above the inline limit take the staged path (a plain SET, named by the entry or moved
     * into place by the complete script): the large write lands, its reads come back equal to the submitter and to a
     * foreign waiter, and no staging key is left behind.
     */
    @Test
    void largeRequestsAndResultsComeBackEqualToEveryWaiterAndLeaveNoStagingKey() {
        DataFrame big = frame(80_000, 3); // 1.28 MB of rows, far above the inline limit
        aa.waitRequest(aa.submit(LIB, "write", false, "BIG", big), LONG);
        List<AsyncRequest> reads = new ArrayList<>();
        for (int i = 0; i < 12; i++) { // more than one fetch round trip's worth (ResultWaiter.FETCH_CHUNK)
            reads.add(aa.submit(LIB, "read", false, "BIG"));
        }
        try (AsyncArctic other = AsyncArctic.builder().redis(servers.redisUrl()).namespace(NS).build();
             Jedis jedis = servers.newJedis()) {
            AsyncRequest foreign = other.request(reads.get(5).id());
            for (Object r : aa.waitRequests(reads, LONG)) {
                assertThat(((VersionedItem) r).data()).isEqualTo(big);
            }
            assertThat(((VersionedItem) other.waitRequest(foreign, LONG)).data()).isEqualTo(big);
            assertThat(jedis.keys("aa:{" + NS + ":*}:stage:*")).isEmpty();
            assertThat(jedis.keys("aa:{" + NS + ":*}:env:*")).isEmpty();
        }
    }

    @Test
    void aRequestIsAwaitableByIdFromAnotherClientUntilItsResultExpires() {
        aa.waitRequest(aa.submit(LIB, "write", false, "FOREIGN", frame(2, 7)), LONG);
        AsyncRequest r = aa.submit(LIB, "read", false, "FOREIGN");
        try (AsyncArctic other = AsyncArctic.builder().redis(servers.redisUrl()).namespace(NS).build()) {
            AsyncRequest seen = other.request(r.id());
            assertThat(((VersionedItem) other.waitRequest(seen, LONG)).data()).isEqualTo(frame(2, 7));
            // Waiting consumes nothing: the submitter still gets it, and a later lookup too.
            assertThat(((VersionedItem) aa.waitRequest(r, LONG)).data()).isEqualTo(frame(2, 7));
            assertThat(((VersionedItem) other.waitRequest(other.request(r.id()), LONG)).version()).isEqualTo(1);
            assertThatThrownBy(() -> other.request("3-not-a-request")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    /**
     * The result lives in Redis until it expires; the client must not keep every decoded result for the whole TTL
     * (a client running for an hour at thousands of requests per second would hold them all).
     */
    @Test
    void aCompletedResultIsNotHeldByTheClientYetStaysFindableById() {
        aa.waitRequest(aa.submit(LIB, "write", false, "HELD", frame(1000, 5)), LONG);
        List<String> ids = new ArrayList<>();
        List<WeakReference<Object>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            AsyncRequest r = aa.submit(LIB, "read", false, "HELD");
            results.add(new WeakReference<>(aa.waitRequest(r, LONG)));
            ids.add(r.id());
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            System.gc();
            return results.stream().allMatch(w -> w.get() == null);
        });
        AsyncRequest again = aa.request(ids.get(7));
        assertThat(again.id()).isEqualTo(ids.get(7));
        assertThat(((VersionedItem) aa.waitRequest(again, LONG)).data()).isEqualTo(frame(1000, 5));
    }

    @Test
    void waitingTimesOutWhenNoWorkerServesTheNamespace() {
        try (AsyncArctic idle = AsyncArctic.builder().redis(servers.redisUrl()).namespace("nobody-serves").build()) {
            AsyncRequest r = idle.submit(LIB, "has_symbol", false, "X");
            assertThatThrownBy(() -> idle.waitRequest(r, Duration.ofMillis(300)))
                    .isInstanceOf(RequestDurationException.class);
            assertThat(r.isCompleted()).isFalse();
            assertThat(idle.pendingRequests()).isEqualTo(1);
            assertThatThrownBy(() -> idle.awaitTermination(Duration.ofMillis(100)))
                    .isInstanceOf(RequestDurationException.class);
            // Started for the namespace, a worker picks up what was queued before it existed.
            try (Coordinator c = Coordinator.start(CoordinatorConfig.builder().redisUrl(servers.redisUrl())
                    .namespace("nobody-serves").coordinatorId("c2").heartbeatInterval(HEARTBEAT).build());
                 Worker w = Worker.start(WorkerConfig.builder().redisUrl(servers.redisUrl())
                         .mongoUrl(servers.mongoUrl()).namespace("nobody-serves").workerId("late")
                         .heartbeatInterval(HEARTBEAT).build())) {
                assertThat(idle.waitRequest(r, LONG)).isEqualTo(false);
            }
        }
    }

    @Test
    void shutdownRefusesNewRequestsAndResetPoolReopens() {
        try (AsyncArctic client = AsyncArctic.builder().redis(servers.redisUrl()).namespace(NS).build()) {
            AsyncRequest before = client.submit(LIB, "has_symbol", false, "Z");
            client.shutdown();
            assertThatThrownBy(() -> client.submit(LIB, "has_symbol", false, "Z"))
                    .isInstanceOf(AsyncArcticException.class).hasMessageContaining("shutdown");
            client.awaitTermination(LONG);
            assertThat(before.isCompleted()).isTrue();
            client.resetPool(4, LONG);
            assertThat(client.waitRequest(client.submit(LIB, "has_symbol", false, "Z"), LONG)).isEqualTo(false);
        }
    }

    @Test
    void totalRequestsCountsEverySubmissionOnce() {
        long before = aa.totalRequests();
        List<AsyncRequest> rs = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            rs.add(aa.submit(LIB, "has_symbol", false, "T" + i));
        }
        aa.waitRequests(rs, LONG);
        assertThat(aa.totalRequests() - before).isEqualTo(25);
    }

    @Test
    void aRetriedSubmitWithTheSameIdIsEnqueuedOnce() {
        Keys keys = Keys.of("dedupe");
        int p = 3;
        String id = "3-retried";
        try (Jedis jedis = servers.newJedis()) {
            List<byte[]> k = submitKeys(keys, p, id);
            List<byte[]> a = List.of(DataPlaneKeys.bytes("reply"), DataPlaneKeys.bytes("60000"),
                    DataPlaneKeys.bytes(id), new byte[] {1, 2});
            assertThat(StreamScripts.SUBMIT.run(jedis, k, a)).isEqualTo(List.of(StreamScripts.SUBMIT_ENQUEUED));
            assertThat(StreamScripts.SUBMIT.run(jedis, k, a)).isEqualTo(List.of(StreamScripts.SUBMIT_DUPLICATE));
            assertThat(jedis.xlen(keys.requestStream(p))).isEqualTo(1);
            assertThat(jedis.hget(keys.stats(p), "submitted")).isEqualTo("1");
            jedis.set(keys.closed(p), "1");
            List<byte[]> a2 = List.of(DataPlaneKeys.bytes("reply"), DataPlaneKeys.bytes("60000"),
                    DataPlaneKeys.bytes("3-other"), new byte[] {1});
            assertThat(StreamScripts.SUBMIT.run(jedis, submitKeys(keys, p, "3-other"), a2))
                    .isEqualTo(List.of(StreamScripts.SUBMIT_CLOSED));
        }
    }

    @Test
    void aBatchOfSubmitsGetsOneStatusEachInOrderAndCountsFirstEnqueuesPerPartition() {
        Keys keys = Keys.of("batch");
        try (Jedis jedis = servers.newJedis()) {
            jedis.set(keys.closed(2), "1");
            List<byte[]> k = new ArrayList<>();
            k.addAll(submitKeys(keys, 1, "1-a"));
            k.addAll(submitKeys(keys, 2, "2-b"));
            k.addAll(submitKeys(keys, 1, "1-a")); // the same id twice in one batch: enqueued once
            k.addAll(submitKeys(keys, 1, "1-c"));
            List<byte[]> a = List.of(DataPlaneKeys.bytes("reply"), DataPlaneKeys.bytes("60000"),
                    DataPlaneKeys.bytes("1-a"), new byte[] {1}, DataPlaneKeys.bytes("2-b"), new byte[] {2},
                    DataPlaneKeys.bytes("1-a"), new byte[] {1}, DataPlaneKeys.bytes("1-c"), new byte[] {3});
            assertThat(StreamScripts.SUBMIT.run(jedis, k, a)).isEqualTo(List.of(StreamScripts.SUBMIT_ENQUEUED,
                    StreamScripts.SUBMIT_CLOSED, StreamScripts.SUBMIT_DUPLICATE, StreamScripts.SUBMIT_ENQUEUED));
            assertThat(jedis.xrange(keys.requestStream(1), "-", "+"))
                    .extracting(e -> e.getFields().get("id")).containsExactly("1-a", "1-c");
            assertThat(jedis.exists(keys.requestStream(2))).isFalse();
            assertThat(jedis.hget(keys.stats(1), "submitted")).isEqualTo("2");
            assertThat(jedis.hget(keys.stats(2), "submitted")).isNull();
        }
    }

    /**
     * An XREADGROUP whose reply a dropped connection swallowed leaves its entries pending for a live owner, whom no one
     * reclaims from: the owner must pick them up itself once it has reconnected. The lost reply is staged exactly: an
     * entry is added and read as the owner in one script (so the owner's blocked read never sees it), then the
     * owner's reading connection is killed.
     */
    @Test
    void anEntryWhoseReadReplyWasLostIsTakenByItsOwnerAfterTheReconnect() {
        try (AsyncArctic probe = AsyncArctic.builder().redis(servers.redisUrl()).namespace("it-probe").build();
             Jedis jedis = servers.newJedis()) {
            LostRead lost = loseARead(probe, jedis, "LOST");
            // Far shorter than the stray check's idle time: only the reconnect can bring it back.
            await().during(Duration.ofMillis(1500)).atMost(LONG).until(() -> !lost.request().isCompleted());

            String fetcher = await().atMost(LONG).until(() -> jedis.clientList().lines()
                    .filter(l -> l.contains("name=aa-worker-" + lost.owner() + " ") && l.contains("cmd=xreadgroup"))
                    .map(l -> l.substring(l.indexOf("id=") + 3, l.indexOf(' ', l.indexOf("id="))))
                    .findFirst().orElse(null), Objects::nonNull);
            jedis.clientKill(ClientKillParams.clientKillParams().id(fetcher));
            assertThat(probe.waitRequest(lost.request(), LONG)).isEqualTo(false);
        }
    }

    /** No connection drop at all: the owner's stray check takes an entry pending for it that it does not hold. */
    @Test
    void anEntryPendingForItsLiveOwnerButNotHeldIsTakenByTheStrayCheck() {
        try (AsyncArctic probe = AsyncArctic.builder().redis(servers.redisUrl()).namespace("it-probe").build();
             Jedis jedis = servers.newJedis()) {
            LostRead lost = loseARead(probe, jedis, "STRAY");
            Duration strayCheck = HEARTBEAT.multipliedBy(Worker.STRAY_HEARTBEATS);
            assertThat(probe.waitRequest(lost.request(), strayCheck.multipliedBy(2).plus(LONG))).isEqualTo(false);
        }
    }

    private record LostRead(AsyncRequest request, String owner) {
    }

    /**
     * Puts a real request entry (made by a client of a namespace nobody serves, whose notice will reach that client) on
     * the stream of {@code symbol}'s partition and reads it for the partition's owner, as a read whose reply was lost.
     */
    private static LostRead loseARead(AsyncArctic probe, Jedis jedis, String symbol) {
        Keys keys = Keys.of(NS);
        int p = keys.partitionOf(LIB.name(), symbol);
        assertThat(aa.waitRequest(aa.submit(LIB, "has_symbol", false, "WARM-" + p), LONG)).isEqualTo(false);
        AsyncRequest r = probe.submit(LIB, "has_symbol", false, symbol);
        String owner = await().atMost(LONG).until(() -> jedis.get(keys.owner(p)), Objects::nonNull);
        jedis.eval("""
                local e = redis.call('XREVRANGE', KEYS[1], '+', '-', 'COUNT', 1)[1]
                redis.call('XADD', KEYS[2], '*', unpack(e[2]))
                redis.call('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', 1, 'STREAMS', KEYS[2], '>')
                return 1
                """, List.of(Keys.of("it-probe").requestStream(p), keys.requestStream(p)),
                List.of(Keys.CONSUMER_GROUP, owner));
        return new LostRead(r, owner);
    }

    private static List<byte[]> submitKeys(Keys keys, int p, String id) {
        return List.of(DataPlaneKeys.bytes(keys.closed(p)), DataPlaneKeys.bytes(DataPlaneKeys.submitMarker(keys, p, id)),
                DataPlaneKeys.bytes(keys.result(p, id)), DataPlaneKeys.bytes(keys.requestStream(p)),
                DataPlaneKeys.bytes(keys.stats(p)), DataPlaneKeys.bytes(DataPlaneKeys.stagedEnvelope(keys, p, id)));
    }
}
