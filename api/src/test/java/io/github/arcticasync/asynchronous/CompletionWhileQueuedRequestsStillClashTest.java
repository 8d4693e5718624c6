package io.github.arcticasync.asynchronous;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;

import static io.github.arcticasync.asynchronous.Fixture.LONG;
import static io.github.arcticasync.asynchronous.Fixture.pass;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Arctic bug 5: when a request finishes while every deferred request still clashes, rescheduling raises inside the
 * done-callback, so the finished request is never marked completed, its callback never runs and its waiters spin
 * forever. Here: two accessors run, a modifier waits; the first accessor completes normally while the modifier still
 * clashes with the second.
 */
class CompletionWhileQueuedRequestsStillClashTest {
    @Test
    void aRequestCompletesEvenWhenNothingQueuedCanStartYet() throws Exception {
        CountDownLatch firstGo = new CountDownLatch(1);
        CountDownLatch secondGo = new CountDownLatch(1);
        ScriptedStore lib = new ScriptedStore("lib").on("read", (s, a) -> {
            pass(firstGo);
            return null;
        }).on("readMetadata", (s, a) -> {
            pass(secondGo);
            return null;
        });
        try (AsyncArctic aa = Fixture.pool(4)) {
            AsyncRequest first = aa.submit(lib, "read", false, "X");
            AsyncRequest second = aa.submit(lib, "read_metadata", false, "X");
            await().atMost(LONG).until(() -> first.isRunning() && second.isRunning());
            AsyncRequest modifier = aa.submit(lib, "write", false, "X", "data");
            List<AsyncRequest> callbackSaw = new java.util.concurrent.CopyOnWriteArrayList<>();
            first.onComplete(callbackSaw::add);

            firstGo.countDown();
            assertThat(aa.waitRequest(first, LONG)).isNull();
            assertThat(first.isCompleted()).isTrue();
            await().atMost(LONG).until(() -> callbackSaw.contains(first));
            assertThat(modifier.state()).as("still clashes with the second accessor").isEqualTo(RequestState.QUEUED);

            secondGo.countDown();
            aa.waitRequest(modifier, LONG);
            assertThat(modifier.startTime()).isAfterOrEqualTo(second.endTime());
        }
    }
}
