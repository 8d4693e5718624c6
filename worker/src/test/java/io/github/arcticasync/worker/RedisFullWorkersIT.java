package io.github.arcticasync.worker;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.arcticasync.asynchronous.AsyncArctic;
import io.github.arcticasync.asynchronous.AsyncRequest;
import io.github.arcticasync.asynchronous.LibraryRef;
import io.github.arcticasync.coordinator.Coordinator;
import io.github.arcticasync.internal.cluster.Keys;
import io.github.arcticasync.internal.execution.OperationRegistry;
import io.github.arcticasync.internal.transport.redis.RequestStreamEntries;
import io.github.arcticasync.store.VersionedItem;
import io.github.arcticasync.testkit.RedisConfig;
import io.github.arcticasync.worker.internal.ResultPoster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.github.arcticasync.worker.ClusterFixtures.LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis fills up (OOM under {@code noeviction}) while two workers hold requests in flight and stays full for several
 * lease lengths: the workers cannot post results, renew leases or heartbeat, and the coordinator cannot write either.
 * Once Redis has room again every request completes with its real result, no worker dies, nothing is dead-lettered,
 * and new requests complete on the same workers.
 */
class RedisFullWorkersIT {
    private static final String NS = "fullworkers";
    private static final LibraryRef LIB = LibraryRef.of("full_workers_it");
    private static final int REQUESTS = 40;
    /** Enough symbols that both workers' partitions hold some of the requests. */
    private static final int SYMBOLS = 8;
    /** Several leases (3 heartbeats of 500 ms): long enough for anything lease-bound to lapse. */
    private static final Duration FULL_FOR = Duration.ofSeconds(5);

    private static ClusterServers servers;
    private static Coordinator coordinator;
    private static Worker w1;
    private static Worker w2;
    private static AsyncArctic aa;
    private static final CountDownLatch released = new CountDownLatch(1);

    @BeforeAll
    static void cluster() {
        servers = ClusterServers.start(RedisConfig.builder()
                .extraArgs(List.of("--maxmemory", "256mb", "--maxmemory-policy", "noeviction")).build(), LIB);
        for (int s = 0; s < SYMBOLS; s++) {
            servers.arctic().getLibrary(LIB.name()).write("S" + s, ClusterFixtures.frame(50, s));
        }
        coordinator = ClusterFixtures.coordinator(servers.redisUrl(), NS, "c1", 8);
        w1 = start("w1");
        w2 = start("w2");
        aa = AsyncArctic.builder().redis(servers.redisUrl()).namespace(NS).build();
        await().atMost(LONG).until(() -> w1.threadLimit() + w2.threadLimit() == 8);
    }

    /** A worker whose reads wait until the test has filled Redis, so their results are posted into a full Redis. */
    private static Worker start(String id) {
        WorkerConfig config = ClusterFixtures.worker(servers.redisUrl(), servers.mongoUrl(), NS, id).build();
        return Worker.start(config, ClusterFixtures.aroundReads(name -> servers.arctic().getLibrary(name), read -> {
            if (!released.await(LONG.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
            return read.call();
        }), OperationRegistry.standard(), null);
    }

    @AfterAll
    static void stop() {
        released.countDown();
        ClusterFixtures.closeAll(aa, w1, w2, coordinator, servers);
    }

    @Test
    void requestsInFlightWhileRedisIsFullCompleteOnceItHasRoom() throws Exception {
        Logger posterLog = (Logger) LoggerFactory.getLogger(ResultPoster.class);
        ListAppender<ILoggingEvent> posterLines = new ListAppender<>();
        posterLines.start();
        posterLog.addAppender(posterLines);
        List<AsyncRequest> inFlight = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            inFlight.add(aa.submit(LIB, "read", false, "S" + i % SYMBOLS));
        }
        try (Jedis jedis = servers.newJedis()) {
            await().atMost(LONG).until(() -> queued(jedis) == REQUESTS);
            servers.redis().overMemoryLimit();
            released.countDown();
            // The scenario's length, not a synchronisation: Redis stays full for several leases.
            Thread.sleep(FULL_FOR.toMillis());
            assertThat(inFlight).as("nothing completes while results cannot be written")
                    .noneMatch(AsyncRequest::isCompleted);
            jedis.configSet("maxmemory", "256mb");

            for (int i = 0; i < REQUESTS; i++) {
                VersionedItem item = (VersionedItem) aa.waitRequest(inFlight.get(i), LONG);
                assertThat(item.data()).isEqualTo(ClusterFixtures.frame(50, i % SYMBOLS));
            }
            assertThat(w1.isTerminated()).isFalse();
            assertThat(w2.isTerminated()).isFalse();
            assertThat(jedis.xlen(Keys.of(NS, Keys.DEFAULT_PARTITIONS).deadLetters())).as("dead letters").isZero();
        } finally {
            posterLog.detachAppender(posterLines);
        }
        // Posts were retried for seconds, yet each worker logged the outage's start and end, not every attempt.
        List<String> warnings = posterLines.list.stream().filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
        long started = warnings.stream().filter(w -> w.contains(" - posting results failed, ")).count();
        long ended = warnings.stream().filter(w -> w.contains(" - posting results works again after ")).count();
        assertThat(started).as("outages begun, in %s", warnings).isBetween(1L, 2L);
        assertThat(ended).as("outages ended, in %s", warnings).isEqualTo(started);
        List<AsyncRequest> after = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            after.add(aa.submit(LIB, "has_symbol", false, "S" + i % SYMBOLS));
        }
        assertThat(aa.waitRequests(after, LONG)).hasSize(16).containsOnly(Boolean.TRUE);
        await().atMost(LONG).until(() -> w1.threadLimit() + w2.threadLimit() == 8);
    }

    /** Entries added to the namespace's request streams (delivered or not). */
    private static long queued(Jedis jedis) {
        return RequestStreamEntries.count(jedis, Keys.of(NS, Keys.DEFAULT_PARTITIONS));
    }
}
