package io.github.arcticasync.asynchronous;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static io.github.arcticasync.asynchronous.Fixture.LONG;
import static io.github.arcticasync.asynchronous.Fixture.pass;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Arctic bug 1 (arctic-format.md §5.6): {@code wait_request}'s loop is inverted, so it returns at once for an
 * unfinished request (with no result) and spins forever on a finished one.
 */
class WaitRequestReturnsResultNotImmediatelyTest {
    @Test
    void waitingOnAnUnfinishedRequestBlocksUntilItsResult() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ScriptedStore lib = new ScriptedStore("lib").on("hasSymbol", (s, a) -> {
            pass(release);
            return true;
        });
        try (AsyncArctic aa = Fixture.pool(2)) {
            AsyncRequest r = aa.submit(lib, "has_symbol", false, "A");
            CompletableFuture<Object> waiter = CompletableFuture.supplyAsync(() -> aa.waitRequest(r));
            await().during(java.time.Duration.ofMillis(200)).atMost(LONG).until(() -> !waiter.isDone());
            release.countDown();
            assertThat(waiter.get()).isEqualTo(true);
        }
    }

    @Test
    void waitingOnAFinishedRequestReturnsItsResult() {
        ScriptedStore lib = new ScriptedStore("lib");
        try (AsyncArctic aa = Fixture.pool(2)) {
            AsyncRequest r = aa.submit(lib, "has_symbol", false, "A");
            await().atMost(LONG).until(r::isCompleted);
            assertThat(aa.waitRequest(r, LONG)).isEqualTo(true);
        }
    }
}
