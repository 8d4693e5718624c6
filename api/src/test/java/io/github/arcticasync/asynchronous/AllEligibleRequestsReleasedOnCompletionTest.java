package io.github.arcticasync.asynchronous;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import static io.github.arcticasync.asynchronous.Fixture.LONG;
import static io.github.arcticasync.asynchronous.Fixture.pass;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Arctic bug 8: only one deferred request is released per completion, so two accessors queued behind a modifier run
 * one after the other. Here both start when the modifier ends: they meet at a barrier only both can pass together.
 */
class AllEligibleRequestsReleasedOnCompletionTest {
    @Test
    void accessorsQueuedBehindAModifierStartTogether() throws Exception {
        CountDownLatch modifierGo = new CountDownLatch(1);
        CyclicBarrier together = new CyclicBarrier(2);
        ScriptedStore lib = new ScriptedStore("lib").on("write", (s, a) -> {
            pass(modifierGo);
            return null;
        }).on("read", (s, a) -> {
            together.await(LONG.toSeconds(), TimeUnit.SECONDS);
            return null;
        });
        try (AsyncArctic aa = Fixture.pool(4)) {
            AsyncRequest write = aa.submit(lib, "write", false, "X", "data");
            await().atMost(LONG).until(write::isRunning);
            AsyncRequest r1 = aa.submit(lib, "read", false, "X");
            AsyncRequest r2 = aa.submit(lib, "read", false, "X");
            assertThat(r1.state()).isEqualTo(RequestState.QUEUED);
            modifierGo.countDown();
            aa.waitRequests(java.util.List.of(write, r1, r2), LONG);
            assertThat(r1.exception()).isNull();
            assertThat(r2.exception()).isNull();
        }
    }
}
