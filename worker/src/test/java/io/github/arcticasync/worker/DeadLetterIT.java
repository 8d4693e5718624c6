package io.github.arcticasync.worker;

import io.github.arcticasync.asynchronous.AsyncArctic;
import io.github.arcticasync.asynchronous.AsyncArcticException;
import io.github.arcticasync.asynchronous.AsyncRequest;
import io.github.arcticasync.asynchronous.LibraryRef;
import io.github.arcticasync.coordinator.Coordinator;
import io.github.arcticasync.internal.cluster.Keys;
import io.github.arcticasync.internal.transport.redis.DataPlaneKeys;
import io.github.arcticasync.internal.transport.redis.RequestIds;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XClaimParams;
import redis.clients.jedis.params.XReadGroupParams;
import redis.clients.jedis.resps.StreamEntry;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.github.arcticasync.worker.ClusterFixtures.LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Poison entries go to the dead-letter stream {@code aa:{ns}:dead} with the reason, and their waiters get a typed
 * error instead of waiting forever: a request delivered more often than {@code maxDeliveries} (its count raised by a
 * crashed consumer's XREADGROUP and XCLAIMs, as repeated crashes would), an undecodable entry XADDed raw, and an entry
 * with no request id at all. A healthy request queued behind them still completes, and the worker lives on.
 */
class DeadLetterIT {
    private static final String NS = "poison";
    private static final LibraryRef LIB = LibraryRef.of("poison_it");

    private static ClusterServers servers;
    private static Coordinator coordinator;
    private static Worker worker;
    private static AsyncArctic aa;
    private static Jedis jedis;

    @BeforeAll
    static void servers() {
        servers = ClusterServers.start(LIB);
        aa = AsyncArctic.builder().redis(servers.redisUrl()).namespace(NS).build();
        jedis = servers.newJedis();
    }

    @AfterAll
    static void stop() {
        ClusterFixtures.closeAll(aa, worker, coordinator, jedis, servers);
    }

    @Test
    void poisonEntriesAreDeadLetteredWithTheReasonAndTheirWaitersFail() {
        Keys keys = Keys.of(NS, Keys.DEFAULT_PARTITIONS);

        // 1. A request whose earlier consumers kept dying: read by "ghost", then claimed 5 more times (6 deliveries).
        AsyncRequest tooOften = aa.submit(LIB, "has_symbol", false, "CRASHES_WORKERS");
        int p1 = RequestIds.partitionOf(tooOften.id(), keys.partitions()).orElseThrow();
        String stream1 = keys.requestStream(p1);
        jedis.xgroupCreate(stream1, Keys.CONSUMER_GROUP, new StreamEntryID(0, 0), true);
        List<Map.Entry<String, List<StreamEntry>>> read = jedis.xreadGroup(Keys.CONSUMER_GROUP, "ghost",
                XReadGroupParams.xReadGroupParams().count(10), Map.of(stream1, StreamEntryID.XREADGROUP_UNDELIVERED_ENTRY));
        StreamEntryID entryId = read.get(0).getValue().get(0).getID();
        for (int i = 0; i < 5; i++) {
            jedis.xclaim(stream1, Keys.CONSUMER_GROUP, "ghost", 0, XClaimParams.xClaimParams(), entryId);
        }
        assertThat(jedis.xpending(stream1, Keys.CONSUMER_GROUP).getTotal()).isEqualTo(1);

        // 2. An undecodable entry, with a submit marker so another client can wait for it by id.
        int p2 = 5;
        String undecodable = RequestIds.newId(p2);
        jedis.set(DataPlaneKeys.submitMarker(keys, p2, undecodable), "1");
        Map<byte[], byte[]> raw = new HashMap<>();
        raw.put(DataPlaneKeys.bytes(DataPlaneKeys.ID), DataPlaneKeys.bytes(undecodable));
        raw.put(DataPlaneKeys.bytes(DataPlaneKeys.ENVELOPE), new byte[] {(byte) 0xde, (byte) 0xad, 0, 1, 2});
        raw.put(DataPlaneKeys.bytes(DataPlaneKeys.REPLY), DataPlaneKeys.bytes("aa:{poison:c:nobody}:reply"));
        jedis.xadd(DataPlaneKeys.bytes(keys.requestStream(p2)), XAddParams.xAddParams(), raw);
        AsyncRequest watched = aa.request(undecodable);

        // 3. An entry with no request id.
        int p3 = 9;
        jedis.xadd(keys.requestStream(p3), XAddParams.xAddParams(), Map.of("junk", "x"));

        // A healthy request, queued behind the poison.
        AsyncRequest healthy = aa.submit(LIB, "has_symbol", false, "FINE");

        coordinator = ClusterFixtures.coordinator(servers.redisUrl(), NS, "c1", 2);
        worker = Worker.start(ClusterFixtures.worker(servers.redisUrl(), servers.mongoUrl(), NS, "w1")
                .maxDeliveries(5).build());

        assertThat(aa.waitRequest(healthy, LONG)).isEqualTo(false);
        assertThatThrownBy(() -> aa.waitRequest(tooOften, LONG)).isInstanceOf(AsyncArcticException.class)
                .hasMessageContaining(keys.deadLetters()).hasMessageContaining("delivered 7 times");
        assertThatThrownBy(() -> aa.waitRequest(watched, LONG)).isInstanceOf(AsyncArcticException.class)
                .hasMessageContaining(keys.deadLetters()).hasMessageContaining("undecodable");

        await().atMost(LONG).until(() -> jedis.xlen(keys.deadLetters()) == 3);
        Map<String, Map<String, String>> byRequest = new HashMap<>();
        for (StreamEntry e : jedis.xrange(keys.deadLetters(), (StreamEntryID) null, (StreamEntryID) null)) {
            byRequest.put(e.getFields().get("request"), e.getFields());
        }
        assertThat(byRequest.get(tooOften.id())).containsEntry("stream", stream1)
                .containsEntry("entry", entryId.toString()).containsEntry("deliveries", "7")
                .containsEntry("worker", "w1");
        assertThat(byRequest.get(tooOften.id()).get("reason")).contains("delivered 7 times");
        assertThat(byRequest.get(undecodable).get("reason")).startsWith("undecodable request");
        assertThat(byRequest.get("").get("reason")).contains("lacks the 'id'");
        assertThat(byRequest.get("")).containsEntry("stream", keys.requestStream(p3));

        // Nothing of it stays pending, each is counted once, and the worker still serves.
        await().atMost(LONG).untilAsserted(() -> {
            for (int p : new int[] {p1, p2, p3}) {
                assertThat(jedis.xpending(keys.requestStream(p), Keys.CONSUMER_GROUP).getTotal()).isZero();
            }
        });
        long deadLettered = 0;
        for (int p = 0; p < keys.partitions(); p++) {
            String v = jedis.hget(keys.stats(p), "deadLettered");
            deadLettered += v == null ? 0 : Long.parseLong(v);
        }
        assertThat(deadLettered).isEqualTo(3);
        assertThat(worker.isTerminated()).isFalse();
        assertThat(aa.waitRequest(aa.submit(LIB, "has_symbol", false, "AFTER"), LONG)).isEqualTo(false);
    }
}
