package io.github.arcticasync.asynchronous;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static io.github.arcticasync.asynchronous.Fixture.LONG;
import static io.github.arcticasync.asynchronous.Fixture.pass;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Arctic bug 7: the timeout of {@code wait_requests}/{@code wait_any_request} applies per round, so they can block
 * forever on requests that never finish. Here the timeout is one deadline for the whole call.
 */
class WaitRequestsHasOneOverallTimeoutTest {
    @Test
    void waitingOnRequestsThatDoNotFinishEndsAtTheDeadline() {
        CountDownLatch release = new CountDownLatch(1);
        ScriptedStore lib = new ScriptedStore("lib").on("hasSymbol", (s, a) -> {
            pass(release);
            return true;
        });
        try (AsyncArctic aa = Fixture.pool(4)) {
            List<AsyncRequest> rs = List.of(aa.submit(lib, "has_symbol", false, "A"),
                    aa.submit(lib, "has_symbol", false, "B"), aa.submit(lib, "has_symbol", false, "C"));
            // A liveness bound, not a speed assertion: Arctic's loop never returns at all.
            assertTimeoutPreemptively(LONG, () -> {
                assertThatThrownBy(() -> aa.waitRequests(rs, Duration.ofMillis(100)))
                        .isInstanceOf(RequestDurationException.class);
                assertThatThrownBy(() -> aa.waitAnyRequest(rs, Duration.ofMillis(100)))
                        .isInstanceOf(RequestDurationException.class);
            });
            release.countDown();
            assertThat(aa.waitRequests(rs, LONG)).containsExactly(true, true, true);
        }
    }
}
