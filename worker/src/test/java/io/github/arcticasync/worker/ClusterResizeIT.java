package io.github.arcticasync.worker;

import io.github.arcticasync.asynchronous.AsyncArctic;
import io.github.arcticasync.asynchronous.AsyncRequest;
import io.github.arcticasync.asynchronous.LibraryRef;
import io.github.arcticasync.coordinator.Coordinator;
import io.github.arcticasync.internal.execution.OperationRegistry;
import io.github.arcticasync.store.VersionStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.github.arcticasync.worker.ClusterFixtures.LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code resetPool(n)} bounds the executions running at once across the whole cluster: two workers (4 threads each)
 * run real {@code read}s of a 20,000-row frame on the embedded MongoDB, and a meter on the workers' store calls
 * records the largest overlap. 4 → 2 (while a batch runs) → 6; after each resize returns, the overlap never exceeds
 * n, and a deep queue shows it reaching n.
 */
class ClusterResizeIT {
    private static final String NS = "resize";
    private static final LibraryRef LIB = LibraryRef.of("resize_it");
    private static final int SYMBOLS = 24;

    private static ClusterServers servers;
    private static Coordinator coordinator;
    private static Worker w1;
    private static Worker w2;
    private static AsyncArctic aa;
    private static final ClusterFixtures.OverlapMeter meter = new ClusterFixtures.OverlapMeter();

    @BeforeAll
    static void cluster() {
        servers = ClusterServers.start(LIB);
        VersionStore lib = servers.arctic().getLibrary(LIB.name());
        for (int i = 0; i < SYMBOLS; i++) {
            lib.write("R" + i, ClusterFixtures.frame(20_000, i));
        }
        coordinator = ClusterFixtures.coordinator(servers.redisUrl(), NS, "c1", 4);
        w1 = start("w1");
        w2 = start("w2");
        aa = AsyncArctic.builder().redis(servers.redisUrl()).namespace(NS).build();
        await().atMost(LONG).until(() -> w1.threadLimit() + w2.threadLimit() == 4);
    }

    private static Worker start(String id) {
        WorkerConfig config = ClusterFixtures.worker(servers.redisUrl(), servers.mongoUrl(), NS, id)
                .resultTtl(Duration.ofSeconds(20)).build();
        return Worker.start(config, meter.wrap(name -> servers.arctic().getLibrary(name)), OperationRegistry.standard(),
                null);
    }

    @AfterAll
    static void stop() {
        ClusterFixtures.closeAll(aa, w1, w2, coordinator, servers);
    }

    private static List<AsyncRequest> reads(int n) {
        List<AsyncRequest> rs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rs.add(aa.submit(LIB, "read", false, "R" + (i % SYMBOLS)));
        }
        return rs;
    }

    @Test
    void theClusterWideOverlapFollowsResizeFourTwoSix() {
        // n = 4: a deep queue fills every slot of both workers, never more.
        meter.resetMax();
        List<AsyncRequest> first = reads(48);
        aa.waitRequests(first, LONG);
        assertThat(meter.max()).as("overlap at pool 4").isEqualTo(4);

        // n = 2, resized while a batch runs: once resetPool returns, at most 2 run at once.
        meter.resetMax();
        List<AsyncRequest> during = reads(192);
        await().atMost(LONG).until(() -> meter.max() >= 3);
        aa.resetPool(2, LONG);
        meter.resetMax();
        assertThat(meter.running()).as("running just after the shrink returned").isLessThanOrEqualTo(2);
        aa.waitRequests(during, LONG);
        List<AsyncRequest> after = reads(48);
        aa.waitRequests(after, LONG);
        assertThat(meter.max()).as("overlap at pool 2").isEqualTo(2);
        assertThat(w1.threadLimit() + w2.threadLimit()).isEqualTo(2);

        // n = 6: granted as the budget shows free; once both workers hold their threads, 6 run at once, never 7.
        aa.resetPool(6, LONG);
        await().atMost(LONG).until(() -> w1.threadLimit() + w2.threadLimit() == 6);
        meter.resetMax();
        List<AsyncRequest> grown = reads(96);
        aa.waitRequests(grown, LONG);
        assertThat(meter.max()).as("overlap at pool 6").isEqualTo(6);
        assertThat(aa.poolSize()).isEqualTo(6);
        assertThat(meter.calls()).isEqualTo(48 + 192 + 48 + 96);
    }
}
