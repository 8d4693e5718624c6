package io.github.arcticasync.asynchronous;

import io.github.arcticasync.store.NoDataFoundException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;

import static io.github.arcticasync.asynchronous.Fixture.LONG;
import static io.github.arcticasync.asynchronous.Fixture.pass;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Arctic bug 4: {@code filter_finished_requests} with its default {@code do_raise=True} crashes on any non-empty input
 * (it calls a method that does not exist). Here it splits, and raises only a done request's own error.
 */
class FilterFinishedRequestsWithDefaultRaiseTest {
    @Test
    void splitsAliveFromDoneInInputOrder() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ScriptedStore lib = new ScriptedStore("lib").on("hasSymbol", (s, a) -> {
            if (s.equals("SLOW")) {
                pass(release);
            }
            return true;
        });
        try (AsyncArctic aa = Fixture.pool(2)) {
            AsyncRequest a = aa.submit(lib, "has_symbol", false, "A");
            AsyncRequest slow = aa.submit(lib, "has_symbol", false, "SLOW");
            AsyncRequest b = aa.submit(lib, "has_symbol", false, "B");
            await().atMost(LONG).until(() -> a.isCompleted() && b.isCompleted());
            RequestSplit split = aa.filterFinishedRequests(List.of(a, slow, b));
            assertThat(split.alive()).containsExactly(slow);
            assertThat(split.done()).containsExactly(a, b);
            assertThat(aa.filterFinishedRequests(List.of()).done()).isEmpty();
            release.countDown();
        }
    }

    @Test
    void raisesTheFirstDoneRequestsErrorUnlessAskedNotTo() {
        NoDataFoundException missing = new NoDataFoundException("No data found for GONE in library lib");
        ScriptedStore lib = new ScriptedStore("lib").on("read", (s, a) -> {
            throw missing;
        });
        try (AsyncArctic aa = Fixture.pool(2)) {
            AsyncRequest r = aa.submit(lib, "read", false, "GONE");
            await().atMost(LONG).until(r::isCompleted);
            assertThatThrownBy(() -> aa.filterFinishedRequests(List.of(r))).isSameAs(missing);
            assertThat(aa.filterFinishedRequests(List.of(r), false).done()).containsExactly(r);
        }
    }
}
