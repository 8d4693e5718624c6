package io.github.arcticasync.worker;

import io.github.arcticasync.asynchronous.AsyncArctic;
import io.github.arcticasync.asynchronous.AsyncArcticException;
import io.github.arcticasync.asynchronous.AsyncRequest;
import io.github.arcticasync.asynchronous.LibraryRef;
import io.github.arcticasync.coordinator.Coordinator;
import io.github.arcticasync.internal.cluster.PoolState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.github.arcticasync.worker.ClusterFixtures.LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Shutdown and awaitTermination, client-local and cluster-wide, as docs/cluster.md ("Resize, shutdown, terminate")
 * describes them: a client's shutdown stops only that client; the operator's cluster shutdown refuses every submit,
 * completes what was queued, moves the pool to terminated and lets the workers exit; resetPool reopens.
 */
class ClusterShutdownIT {
    private static final LibraryRef LIB = LibraryRef.of("shutdown_it");
    private static ClusterServers servers;

    @BeforeAll
    static void servers() {
        servers = ClusterServers.start(LIB);
    }

    @AfterAll
    static void stop() {
        ClusterFixtures.closeAll(servers);
    }

    private static Worker worker(String ns, String id) {
        return Worker.start(ClusterFixtures.worker(servers.redisUrl(), servers.mongoUrl(), ns, id).build());
    }

    private static List<AsyncRequest> submit(AsyncArctic aa, int n, String prefix) {
        List<AsyncRequest> rs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rs.add(aa.submit(LIB, "has_symbol", false, prefix + i));
        }
        return rs;
    }

    @Test
    void aClientsShutdownIsLocalToThatClient() {
        String ns = "local-shutdown";
        try (Coordinator c = ClusterFixtures.coordinator(servers.redisUrl(), ns, "c1", 2);
             Worker w = worker(ns, "w1");
             AsyncArctic a = AsyncArctic.builder().redis(servers.redisUrl()).namespace(ns).build();
             AsyncArctic b = AsyncArctic.builder().redis(servers.redisUrl()).namespace(ns).build()) {
            List<AsyncRequest> mine = submit(a, 100, "A");
            a.shutdown();
            assertThatThrownBy(() -> a.submit(LIB, "has_symbol", false, "X")).isInstanceOf(AsyncArcticException.class)
                    .hasMessageContaining("shutdown");
            a.awaitTermination(LONG);
            assertThat(mine).allMatch(AsyncRequest::isCompleted);
            assertThat(a.pendingRequests()).isZero();
            // The other client and the cluster are unaffected.
            assertThat(b.waitRequests(submit(b, 20, "B"), LONG)).hasSize(20).containsOnly(false);
            assertThat(c.commands().pool().orElseThrow().state()).isEqualTo(PoolState.RUNNING);
            assertThat(w.isTerminated()).isFalse();
        }
    }

    @Test
    void theClusterShutdownDrainsQueuedWorkTerminatesAndReopens() throws InterruptedException {
        String ns = "cluster-shutdown";
        try (Coordinator c = ClusterFixtures.coordinator(servers.redisUrl(), ns, "c1", 2);
             Worker w1 = worker(ns, "w1");
             Worker w2 = worker(ns, "w2");
             AsyncArctic a = AsyncArctic.builder().redis(servers.redisUrl()).namespace(ns).build();
             AsyncArctic b = AsyncArctic.builder().redis(servers.redisUrl()).namespace(ns).build();
             AsyncArctic pipelined = AsyncArctic.builder().redis(servers.redisUrl()).namespace(ns)
                     .pipelinedSubmits(true).build()) {
            List<AsyncRequest> queued = submit(a, 300, "Q");
            c.commands().shutdown();
            // Every client is refused at once, by the cluster (not by its own shutdown).
            for (AsyncArctic client : List.of(a, b)) {
                assertThatThrownBy(() -> client.submit(LIB, "has_symbol", false, "LATE"))
                        .isInstanceOf(AsyncArcticException.class).hasMessageContaining("shut down");
            }
            // A pipelined submit returns before Redis answers: the refusal fails the request instead.
            AsyncRequest late = pipelined.submit(LIB, "has_symbol", false, "LATE");
            assertThatThrownBy(() -> pipelined.waitRequest(late, LONG)).isInstanceOf(AsyncArcticException.class)
                    .hasMessageContaining("shut down");
            assertThat(late.exception()).isInstanceOf(AsyncArcticException.class);
            // Its pending count drops with the request's completion callbacks, just after the waiter wakes.
            await().atMost(LONG).until(() -> pipelined.pendingRequests() == 0);
            // What was queued before still completes; then the leader terminates the pool and the workers exit.
            assertThat(a.waitRequests(queued, LONG)).hasSize(300).containsOnly(false);
            assertThat(c.commands().awaitTermination(LONG)).isTrue();
            await().atMost(LONG).until(() -> w1.isTerminated() && w2.isTerminated());
            a.awaitTermination(LONG);
            assertThat(a.pendingRequests()).isZero();

            // Reopening is resetPool (client API) or the operator's reopen; new workers serve again.
            // (A worker started while the pool is terminated exits at once, so reopen first.)
            b.resetPool(2, LONG);
            assertThat(c.commands().pool().orElseThrow().state()).isEqualTo(PoolState.RUNNING);
            try (Worker w3 = worker(ns, "w3")) {
                assertThat(b.waitRequest(b.submit(LIB, "has_symbol", false, "AGAIN"), LONG)).isEqualTo(false);
                assertThat(w3.isTerminated()).isFalse();
            }
        }
    }
}
