package io.github.arcticasync.worker;

import io.github.arcticasync.asynchronous.AsyncArctic;
import io.github.arcticasync.asynchronous.AsyncRequest;
import io.github.arcticasync.asynchronous.LibraryRef;
import io.github.arcticasync.coordinator.Coordinator;
import io.github.arcticasync.internal.cluster.Keys;
import io.github.arcticasync.internal.transport.redis.RequestStreamEntries;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.github.arcticasync.worker.ClusterFixtures.LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A bounded soak: 20 rounds of 500 requests with a 2 s result TTL. After each round the request streams are trimmed
 * to at most one entry per partition, the result keys expire, and Redis's used_memory stays within a fixed margin of
 * what it was after the warm-up rounds — nothing grows with the number of requests served.
 */
class RedisSoakIT {
    private static final String NS = "soak";
    private static final LibraryRef LIB = LibraryRef.of("soak_it");
    private static final Duration TTL = Duration.ofSeconds(2);

    private static ClusterServers servers;
    private static Coordinator coordinator;
    private static Worker w1;
    private static Worker w2;
    private static AsyncArctic aa;
    private static Jedis jedis;

    @BeforeAll
    static void cluster() {
        servers = ClusterServers.start(LIB);
        coordinator = ClusterFixtures.coordinator(servers.redisUrl(), NS, "c1", 4);
        w1 = Worker.start(ClusterFixtures.worker(servers.redisUrl(), servers.mongoUrl(), NS, "w1").resultTtl(TTL)
                .build());
        w2 = Worker.start(ClusterFixtures.worker(servers.redisUrl(), servers.mongoUrl(), NS, "w2").resultTtl(TTL)
                .build());
        aa = AsyncArctic.builder().redis(servers.redisUrl()).namespace(NS).resultTtl(TTL).build();
        jedis = servers.newJedis();
    }

    @AfterAll
    static void stop() {
        ClusterFixtures.closeAll(aa, w1, w2, coordinator, jedis, servers);
    }

    private long streamEntries(Keys keys) {
        return RequestStreamEntries.count(jedis, keys);
    }

    private long resultKeys() {
        return jedis.keys("aa:{" + NS + ":*}:res:*").size();
    }

    private long usedMemory() {
        for (String line : jedis.info("memory").split("\r?\n")) {
            if (line.startsWith("used_memory:")) {
                return Long.parseLong(line.substring("used_memory:".length()).trim());
            }
        }
        throw new AssertionError("INFO memory has no used_memory");
    }

    @Test
    void memoryAndStreamsStayFlatOverTwentyRounds() {
        Keys keys = Keys.of(NS, Keys.DEFAULT_PARTITIONS);
        long baseline = 0;
        for (int round = 1; round <= 20; round++) {
            List<AsyncRequest> rs = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                rs.add(aa.submit(LIB, "has_symbol", false, "S" + (i % 97)));
            }
            assertThat(aa.waitRequests(rs, LONG)).hasSize(500);
            // Trimmed every heartbeat to the last delivered entry: at most one left per partition.
            await().atMost(LONG).until(() -> streamEntries(keys) <= keys.partitions());
            // Results expire after the TTL.
            await().atMost(LONG).until(() -> resultKeys() == 0);
            long used = usedMemory();
            if (round == 3) {
                baseline = used;
            } else if (round > 3) {
                assertThat(used).as("used_memory after round %d (baseline %d)", round, baseline)
                        .isLessThan(baseline + 2 * 1024 * 1024);
            }
        }
        assertThat(aa.totalRequests()).isEqualTo(20 * 500);
    }
}
