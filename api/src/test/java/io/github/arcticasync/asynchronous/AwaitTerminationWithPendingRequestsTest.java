package io.github.arcticasync.asynchronous;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static io.github.arcticasync.asynchronous.Fixture.LONG;
import static io.github.arcticasync.asynchronous.Fixture.pass;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Arctic bug 3: {@code await_termination} (and so {@code reset}) crashes with a TypeError whenever requests are
 * pending. Here it waits for the running and the queued ones, and reset then works.
 */
class AwaitTerminationWithPendingRequestsTest {
    @Test
    void awaitTerminationWaitsForPendingRequests() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ScriptedStore lib = new ScriptedStore("lib").on("write", (s, a) -> {
            pass(release);
            return null;
        });
        try (AsyncArctic aa = Fixture.pool(1)) {
            AsyncRequest running = aa.submit(lib, "write", false, "A", "data");
            AsyncRequest queued = aa.submit(lib, "write", false, "A", "more");
            aa.shutdown();
            CompletableFuture<Void> terminated = CompletableFuture.runAsync(() -> aa.awaitTermination(LONG));
            await().during(java.time.Duration.ofMillis(100)).atMost(LONG).until(() -> !terminated.isDone());
            release.countDown();
            terminated.get();
            assertThat(List.of(running, queued)).allSatisfy(r -> assertThat(r.state())
                    .isEqualTo(RequestState.SUCCEEDED));
            aa.resetPool(2, LONG);
            assertThat(aa.waitRequest(aa.submit(lib, "has_symbol", false, "A"), LONG)).isEqualTo(true);
        }
    }
}
