package io.github.arcticasync.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.arcticasync.asynchronous.AsyncArctic;
import io.github.arcticasync.asynchronous.AsyncRequest;
import io.github.arcticasync.asynchronous.LibraryRef;
import io.github.arcticasync.coordinator.Coordinator;
import io.github.arcticasync.coordinator.CoordinatorConfig;
import io.github.arcticasync.store.VersionedItem;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Closing a Redis client while its requests wait for a worker neither hangs nor loses them: they stay queued in
 * Redis, run when a worker comes, and another client can wait for them by id.
 */
class ClientCloseIT {
    private static final Duration LONG = Duration.ofSeconds(60);
    private static final Duration HEARTBEAT = Duration.ofMillis(500);
    private static final LibraryRef LIB = LibraryRef.of("close_it");

    @Test
    void closeWithRequestsNoWorkerServesYetReturnsAndTheRequestsStillComplete() throws Exception {
        try (ClusterServers servers = ClusterServers.start(LIB);
             Coordinator coordinator = Coordinator.start(CoordinatorConfig.builder().redisUrl(servers.redisUrl())
                     .namespace("close").coordinatorId("c1").heartbeatInterval(HEARTBEAT).initialPoolSize(2)
                     .build())) {
            AsyncArctic first = AsyncArctic.builder().redis(servers.redisUrl()).namespace("close").build();
            AsyncRequest queued = first.submit(LIB, "write", true, "SYM", ClusterFixtures.frame(5, 1));

            long started = System.nanoTime();
            first.close();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(took).isLessThan(Duration.ofSeconds(30));

            try (Worker worker = Worker.start(WorkerConfig.builder().redisUrl(servers.redisUrl())
                         .mongoUrl(servers.mongoUrl()).namespace("close").workerId("late").maxThreads(2)
                         .heartbeatInterval(HEARTBEAT).build());
                 AsyncArctic second = AsyncArctic.builder().redis(servers.redisUrl()).namespace("close").build()) {
                VersionedItem written = (VersionedItem) second.waitRequest(second.request(queued.id()), LONG);
                assertThat(written.version()).isEqualTo(1);
                assertThat(worker.isTerminated()).isFalse();
            }
        }
    }
}
