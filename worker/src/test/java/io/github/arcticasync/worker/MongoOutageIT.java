package io.github.arcticasync.worker;

import io.github.arcticasync.asynchronous.AsyncArctic;
import io.github.arcticasync.asynchronous.AsyncRequest;
import io.github.arcticasync.asynchronous.Kwargs;
import io.github.arcticasync.asynchronous.LibraryRef;
import io.github.arcticasync.coordinator.Coordinator;
import io.github.arcticasync.store.ArcticException;
import io.github.arcticasync.store.VersionedItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.github.arcticasync.worker.ClusterFixtures.LONG;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * MongoDB goes away for about 10 s under two workers: requests fail with typed errors (the store's
 * {@link ArcticException} or the driver's {@link com.mongodb.MongoException}, carried back as the same type) or succeed
 * after {@code mongo_retry}; no worker dies; once MongoDB is back, new requests complete on the same workers.
 */
class MongoOutageIT {
    private static final String NS = "outage";
    private static final LibraryRef LIB = LibraryRef.of("outage_it");
    private static final Duration OUTAGE = Duration.ofSeconds(10);

    private static ClusterServers servers;
    private static Coordinator coordinator;
    private static Worker w1;
    private static Worker w2;
    private static AsyncArctic aa;

    @BeforeAll
    static void cluster() {
        servers = ClusterServers.start(LIB);
        servers.arctic().getLibrary(LIB.name()).write("KEPT", ClusterFixtures.frame(10, 1));
        // Short server selection so a request in the outage fails in seconds instead of the driver's 30 s.
        String mongoUrl = servers.mongoUrl() + "/?serverSelectionTimeoutMS=1500&connectTimeoutMS=1000";
        coordinator = ClusterFixtures.coordinator(servers.redisUrl(), NS, "c1", 4);
        w1 = Worker.start(ClusterFixtures.worker(servers.redisUrl(), mongoUrl, NS, "w1").build());
        w2 = Worker.start(ClusterFixtures.worker(servers.redisUrl(), mongoUrl, NS, "w2").build());
        aa = AsyncArctic.builder().redis(servers.redisUrl()).namespace(NS).build();
    }

    @AfterAll
    static void stop() {
        ClusterFixtures.closeAll(aa, w1, w2, coordinator, servers);
    }

    @Test
    void requestsFailTypedOrRetryAndWorkersSurviveTheOutage() throws InterruptedException {
        assertThat(((VersionedItem) aa.waitRequest(aa.submit(LIB, "read", false, "KEPT"), LONG)).version())
                .isEqualTo(1);
        long down = System.nanoTime();
        servers.mongo().stop();

        List<AsyncRequest> noRetry = new ArrayList<>();
        List<AsyncRequest> retried = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            noRetry.add(aa.submit(LIB, "read", false, "KEPT", Kwargs.of("mongo_retry", false)));
            retried.add(aa.submit(LIB, "write", false, "W" + i, ClusterFixtures.frame(5, i),
                    Kwargs.of("mongo_retry", true)));
        }
        for (AsyncRequest r : noRetry) {
            try {
                aa.waitRequest(r, LONG);
            } catch (RuntimeException e) {
                assertThat(e).isInstanceOfAny(ArcticException.class, com.mongodb.MongoException.class);
            }
        }
        assertThat(aa.filterErrored(noRetry)).as("reads while MongoDB is down").isNotEmpty();

        // The outage lasts OUTAGE in all (this wait is the scenario's length, not a synchronisation).
        long left = OUTAGE.toNanos() - (System.nanoTime() - down);
        if (left > 0) {
            Thread.sleep(left / 1_000_000);
        }
        servers.mongo().start();

        for (AsyncRequest r : retried) {
            try {
                assertThat(((VersionedItem) aa.waitRequest(r, LONG)).version()).isEqualTo(1);
            } catch (RuntimeException e) {
                assertThat(e).isInstanceOfAny(ArcticException.class, com.mongodb.MongoException.class);
            }
        }
        assertThat(w1.isTerminated()).isFalse();
        assertThat(w2.isTerminated()).isFalse();

        List<AsyncRequest> after = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            after.add(aa.submit(LIB, "read", false, "KEPT"));
        }
        assertThat(aa.waitRequests(after, LONG)).hasSize(16)
                .allSatisfy(r -> assertThat(((VersionedItem) r).data()).isEqualTo(ClusterFixtures.frame(10, 1)));
        assertThat(aa.waitRequest(aa.submit(LIB, "write", false, "AFTER", ClusterFixtures.frame(3, 3)), LONG))
                .isInstanceOf(VersionedItem.class);
    }
}
