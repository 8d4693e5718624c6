package io.github.arcticasync.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.arcticasync.asynchronous.AsyncArctic;
import io.github.arcticasync.asynchronous.AsyncRequest;
import io.github.arcticasync.asynchronous.LibraryRef;
import io.github.arcticasync.coordinator.Coordinator;
import io.github.arcticasync.coordinator.CoordinatorConfig;
import io.github.arcticasync.store.Arctic;
import io.github.arcticasync.store.VersionedItem;
import io.github.arcticasync.testkit.MongoServer;
import io.github.arcticasync.testkit.MongoServers;
import io.github.arcticasync.testkit.RedisServer;
import io.github.arcticasync.testkit.RedisServers;
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
        try (RedisServer redis = RedisServers.start();
             MongoServer mongo = MongoServers.embedded();
             Arctic arctic = Arctic.connect(mongo.connectionString());
             Coordinator coordinator = Coordinator.start(CoordinatorConfig.builder().redisUrl(redis.uri())
                     .namespace("close").coordinatorId("c1").heartbeatInterval(HEARTBEAT).initialPoolSize(2)
                     .build())) {
            arctic.initializeLibrary(LIB.name());
            AsyncArctic first = AsyncArctic.builder().redis(redis.uri()).namespace("close").build();
            AsyncRequest queued = first.submit(LIB, "write", true, "SYM", RedisTransportIT.frame(5, 1));

            long started = System.nanoTime();
            first.close();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(took).isLessThan(Duration.ofSeconds(30));

            try (Worker worker = Worker.start(WorkerConfig.builder().redisUrl(redis.uri())
                         .mongoUrl(mongo.connectionString()).namespace("close").workerId("late").maxThreads(2)
                         .heartbeatInterval(HEARTBEAT).build());
                 AsyncArctic second = AsyncArctic.builder().redis(redis.uri()).namespace("close").build()) {
                VersionedItem written = (VersionedItem) second.waitRequest(second.request(queued.id()), LONG);
                assertThat(written.version()).isEqualTo(1);
                assertThat(worker.isTerminated()).isFalse();
            }
        }
    }
}
