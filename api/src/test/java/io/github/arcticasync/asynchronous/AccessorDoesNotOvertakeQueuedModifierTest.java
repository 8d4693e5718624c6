package io.github.arcticasync.asynchronous;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;

import static io.github.arcticasync.asynchronous.Fixture.LONG;
import static io.github.arcticasync.asynchronous.Fixture.pass;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Arctic §5.3: deferred requests are not consulted when a new one arrives, so a stream of accessors can overtake a
 * deferred modifier forever (starvation) and per-symbol order is lost. Here requests on a symbol start in submit order.
 */
class AccessorDoesNotOvertakeQueuedModifierTest {
    @Test
    void aLaterAccessorWaitsForTheEarlierModifier() throws Exception {
        CountDownLatch firstReadGo = new CountDownLatch(1);
        ScriptedStore lib = new ScriptedStore("lib").on("read", (s, a) -> {
            if (a[0] != null && a[0].toString().contains("asOfVersion=1")) {
                pass(firstReadGo);
            }
            return null;
        });
        try (AsyncArctic aa = Fixture.pool(4)) {
            AsyncRequest firstRead = aa.submit(lib, "read", false, "X", 1);
            await().atMost(LONG).until(firstRead::isRunning);
            AsyncRequest write = aa.submit(lib, "write", false, "X", "data");
            AsyncRequest laterRead = aa.submit(lib, "read", false, "X");
            assertThat(laterRead.state()).as("compatible with the running read, but behind the write")
                    .isEqualTo(RequestState.QUEUED);
            firstReadGo.countDown();
            aa.waitRequests(List.of(firstRead, write, laterRead), LONG);
            assertThat(write.startTime()).isAfterOrEqualTo(firstRead.endTime());
            assertThat(laterRead.startTime()).isAfterOrEqualTo(write.endTime());
        }
    }
}
