package io.github.arcticasync.worker;

import io.github.arcticasync.asynchronous.AsyncArctic;
import io.github.arcticasync.asynchronous.AsyncRequest;
import io.github.arcticasync.asynchronous.LibraryRef;
import io.github.arcticasync.coordinator.Coordinator;
import io.github.arcticasync.internal.execution.OperationRegistry;
import io.github.arcticasync.worker.internal.PrefetchWindow;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
 * A real worker sizes what it holds beyond its threads by how long its operations run: quick ones open the window
 * (large fetch batches), slow ones close it to the minimum (nothing hoarded that another worker could run).
 */
class PrefetchWindowIT {
    private static final String NS = "prefetch";
    private static final LibraryRef LIB = LibraryRef.of("prefetch_it");
    private static final int POOL = 32;
    private static final int SLOW_READ_MS = 20;

    private static ClusterServers servers;
    private static Coordinator coordinator;
    private static Worker worker;
    private static AsyncArctic aa;
    private static final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeAll
    static void cluster() {
        servers = ClusterServers.start(LIB);
        servers.arctic().getLibrary(LIB.name()).write("S", ClusterFixtures.frame(10, 1));
        coordinator = ClusterFixtures.coordinator(servers.redisUrl(), NS, "c1", POOL);
        worker = Worker.start(ClusterFixtures.worker(servers.redisUrl(), servers.mongoUrl(), NS, "w1")
                .maxThreads(POOL).build(), ClusterFixtures.aroundReads(servers.arctic()::getLibrary, read -> {
                    Thread.sleep(SLOW_READ_MS); // a slow operation
                    return read.call();
                }), OperationRegistry.standard(), meters);
        aa = AsyncArctic.builder().redis(servers.redisUrl()).namespace(NS).build();
        await().atMost(LONG).until(() -> worker.threadLimit() == POOL);
    }

    @AfterAll
    static void stop() {
        ClusterFixtures.closeAll(aa, worker, coordinator, servers);
    }

    private static int window() {
        return (int) meters.get("arctic_async_worker_prefetch").tag("worker", "w1").gauge().value();
    }

    @Test
    void quickOperationsOpenTheWindowAndSlowOnesCloseIt() {
        assertThat(window()).as("before anything ran").isEqualTo(PrefetchWindow.MIN);

        List<AsyncRequest> quick = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            quick.add(aa.submit(LIB, "has_symbol", false, "S" + (i % 7)));
        }
        aa.waitRequests(quick, LONG);
        // 32 threads x 2 ms of queue each: a has_symbol of under 4 ms already opens it
        assertThat(window()).as("after quick has_symbol calls").isGreaterThan(PrefetchWindow.MIN);

        List<AsyncRequest> slow = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            slow.add(aa.submit(LIB, "read", false, "S"));
        }
        aa.waitRequests(slow, LONG);
        assertThat(window()).as("after %d ms reads", SLOW_READ_MS).isEqualTo(PrefetchWindow.MIN);
        for (AsyncRequest r : slow) {
            assertThat(r.exception()).isNull();
            assertThat(r.executionDuration()).isGreaterThanOrEqualTo(Duration.ofMillis(SLOW_READ_MS));
        }
    }
}
