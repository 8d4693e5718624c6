package io.github.arcticasync.asynchronous;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static io.github.arcticasync.asynchronous.Fixture.LONG;
import static io.github.arcticasync.asynchronous.Fixture.pass;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Arctic bug 12: waiters busy-spin between a future completing and the request being marked complete (and bug 1's
 * inverted loop spins forever). Here a waiting thread is parked (WAITING or TIMED_WAITING) the whole time it waits.
 */
class WaitersDoNotBusySpinTest {
    @Test
    void aWaitingThreadIsParkedNotRunning() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ScriptedStore lib = new ScriptedStore("lib").on("hasSymbol", (s, a) -> {
            pass(release);
            return true;
        });
        try (AsyncArctic aa = Fixture.pool(2)) {
            AsyncRequest r = aa.submit(lib, "has_symbol", false, "A");
            AsyncRequest other = aa.submit(lib, "has_symbol", false, "B");
            Thread untimed = new Thread(() -> aa.waitRequest(r), "untimed-waiter");
            Thread timed = new Thread(() -> aa.waitRequests(List.of(r, other), LONG), "timed-waiter");
            untimed.start();
            timed.start();
            await().during(Duration.ofMillis(300)).atMost(LONG).until(() ->
                    untimed.getState() == Thread.State.WAITING
                            && timed.getState() == Thread.State.TIMED_WAITING);
            release.countDown();
            untimed.join(LONG.toMillis());
            timed.join(LONG.toMillis());
            assertThat(untimed.isAlive()).isFalse();
            assertThat(timed.isAlive()).isFalse();
        }
    }
}
