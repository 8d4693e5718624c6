package io.github.arcticasync.worker;

import io.github.arcticasync.asynchronous.AsyncArctic;
import io.github.arcticasync.asynchronous.AsyncArcticContract;
import io.github.arcticasync.asynchronous.LibraryRef;
import io.github.arcticasync.coordinator.Coordinator;
import io.github.arcticasync.coordinator.CoordinatorConfig;
import io.github.arcticasync.store.Arctic;
import io.github.arcticasync.store.DataFrame;
import io.github.arcticasync.store.VersionStore;
import io.github.arcticasync.testkit.MongoServer;
import io.github.arcticasync.testkit.MongoServers;
import io.github.arcticasync.testkit.RedisServer;
import io.github.arcticasync.testkit.RedisServers;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AsyncArctic suite, unchanged, on the Redis Streams transport: a real redis-server, a coordinator and two workers
 * in this JVM on the embedded MongoDB; the clients talk only Redis and name libraries with {@link LibraryRef}.
 */
class AsyncArcticRedisIT extends AsyncArcticContract {
    /** Leases of a few heartbeats: on a loaded 2-core machine 200 ms heartbeats let leases lapse mid-test. */
    private static final Duration HEARTBEAT = Duration.ofMillis(500);
    private static final String NS = "contract";
    private static final Duration LONG = Duration.ofSeconds(60);

    private RedisServer redis;
    private MongoServer mongo;
    private Coordinator coordinator;
    private Worker w1;
    private Worker w2;

    @Override
    protected Arctic startBackend() {
        redis = RedisServers.start();
        mongo = MongoServers.start();
        coordinator = Coordinator.start(CoordinatorConfig.builder().redisUrl(redis.uri()).namespace(NS)
                .coordinatorId("c1").heartbeatInterval(HEARTBEAT).initialPoolSize(4).build());
        w1 = Worker.start(workerConfig("w1"));
        w2 = Worker.start(workerConfig("w2"));
        return Arctic.connect(mongo.connectionString());
    }

    private WorkerConfig workerConfig(String id) {
        return WorkerConfig.builder().redisUrl(redis.uri()).mongoUrl(mongo.connectionString()).namespace(NS)
                .workerId(id).maxThreads(4).heartbeatInterval(HEARTBEAT).build();
    }

    @Override
    protected void stopBackend() {
        for (AutoCloseable c : new AutoCloseable[] {w1, w2, coordinator, mongo, redis}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // keep closing the rest: a failure here must not leave servers running
            }
        }
    }

    /** The builder of every client of the suite (a subclass varies how they submit). */
    protected AsyncArctic.Builder client() {
        return AsyncArctic.builder().redis(redis.uri()).namespace(NS);
    }

    @Override
    protected AsyncArctic newAsyncArctic() {
        return client().poolSize(4).build();
    }

    @Override
    protected AsyncArctic newClientByName() {
        return client().build();
    }

    @Override
    protected Object library(VersionStore library) {
        return LibraryRef.of(library.libraryName());
    }

    /** A client that holds a VersionStore may pass it as on the local pool: it travels by its library name. */
    @Test
    void aVersionStoreArgumentIsSentByItsLibraryName() {
        AsyncArctic aa = asyncArctic();
        try (Arctic local = Arctic.connect(mongo.connectionString())) {
            local.initializeLibrary("it_by_store");
            VersionStore store = local.getLibrary("it_by_store");
            assertThat(aa.waitRequest(aa.submit(store, "list_symbols", false), LONG)).isEqualTo(List.of());
            store.write("W", DataFrame.builder().datetimeIndex(new long[] {0L}).column("price", new double[] {1.5})
                    .build());
            assertThat(aa.waitRequest(aa.submit(store, "has_symbol", false, "W"), LONG)).isEqualTo(true);
        }
    }
}
