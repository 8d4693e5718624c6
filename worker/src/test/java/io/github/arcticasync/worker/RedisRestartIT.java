package io.github.arcticasync.worker;

import io.github.arcticasync.asynchronous.AsyncArctic;
import io.github.arcticasync.asynchronous.AsyncRequest;
import io.github.arcticasync.asynchronous.LibraryRef;
import io.github.arcticasync.coordinator.Coordinator;
import io.github.arcticasync.store.VersionedItem;
import io.github.arcticasync.testkit.RedisConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.github.arcticasync.worker.ClusterFixtures.LONG;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redis killed (SIGKILL, as a crash) and started again on the same port with its AOF ({@code appendfsync always}):
 * the client, the coordinator and the workers reconnect by themselves, every request accepted before the crash
 * completes exactly once, and new requests complete.
 */
class RedisRestartIT {
    private static final String NS = "restart";
    private static final LibraryRef LIB = LibraryRef.of("restart_it");

    private static ClusterServers servers;
    private static Coordinator coordinator;
    private static Worker w1;
    private static Worker w2;
    private static AsyncArctic aa;

    @BeforeAll
    static void cluster() {
        servers = ClusterServers.start(RedisConfig.builder().appendOnly(true).build(), LIB);
        coordinator = ClusterFixtures.coordinator(servers.redisUrl(), NS, "c1", 4);
        w1 = Worker.start(ClusterFixtures.worker(servers.redisUrl(), servers.mongoUrl(), NS, "w1").build());
        w2 = Worker.start(ClusterFixtures.worker(servers.redisUrl(), servers.mongoUrl(), NS, "w2").build());
        aa = AsyncArctic.builder().redis(servers.redisUrl()).namespace(NS).build();
    }

    @AfterAll
    static void stop() {
        ClusterFixtures.closeAll(aa, w1, w2, coordinator, servers);
    }

    @Test
    void everyoneReconnectsAndNothingAcceptedIsLost() {
        assertThat(aa.waitRequest(aa.submit(LIB, "has_symbol", false, "WARM"), LONG)).isEqualTo(false);

        // Appends to one symbol: each must run exactly once, so the versions are exactly 1..N whatever the crash hit.
        int n = 150;
        List<AsyncRequest> before = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            before.add(aa.submit(LIB, "append", false, "LOG", ClusterFixtures.frame(1, i)));
        }
        servers.redis().kill();
        servers.redis().start();

        List<Object> results = aa.waitRequests(before, LONG);
        Set<Integer> versions = new HashSet<>();
        for (Object r : results) {
            versions.add(((VersionedItem) r).version());
        }
        assertThat(versions).hasSize(n);
        VersionedItem last = (VersionedItem) aa.waitRequest(aa.submit(LIB, "read", false, "LOG"), LONG);
        assertThat(last.version()).isEqualTo(n);

        List<AsyncRequest> after = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            after.add(aa.submit(LIB, "has_symbol", false, "NEW" + i));
        }
        assertThat(aa.waitRequests(after, LONG)).hasSize(50).containsOnly(false);
        assertThat(w1.isTerminated()).isFalse();
        assertThat(w2.isTerminated()).isFalse();
        try (AsyncArctic fresh = AsyncArctic.builder().redis(servers.redisUrl()).namespace(NS).build()) {
            assertThat(fresh.waitRequest(fresh.submit(LIB, "has_symbol", false, "LOG"), LONG)).isEqualTo(true);
        }
    }

    @Test
    void pipelinedSubmitsMadeWhileRedisIsDownAreSentInOrderOnceItIsBack() throws InterruptedException {
        try (AsyncArctic pipelined = AsyncArctic.builder().redis(servers.redisUrl()).namespace(NS)
                .pipelinedSubmits(true).build()) {
            assertThat(pipelined.waitRequest(pipelined.submit(LIB, "has_symbol", false, "PWARM"), LONG))
                    .isEqualTo(false);
            servers.redis().kill();
            // Redis is gone: pipelined submits still return at once, queued in the client.
            List<AsyncRequest> queued = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                queued.add(pipelined.submit(LIB, "append", false, "PLOG", ClusterFixtures.frame(1, i)));
            }
            assertThat(queued).noneMatch(AsyncRequest::isCompleted);
            Thread.sleep(1000);
            servers.redis().start();

            List<Object> results = pipelined.waitRequests(queued, LONG);
            // Each append ran once, in submit order: the i-th request made version i + 1.
            for (int i = 0; i < results.size(); i++) {
                assertThat(((VersionedItem) results.get(i)).version()).isEqualTo(i + 1);
            }
        }
    }
}
