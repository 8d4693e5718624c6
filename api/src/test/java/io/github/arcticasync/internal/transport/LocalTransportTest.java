package io.github.arcticasync.internal.transport;

import com.mongodb.MongoSocketException;
import com.mongodb.ServerAddress;
import io.github.arcticasync.asynchronous.AsyncArcticException;
import io.github.arcticasync.asynchronous.RequestDurationException;
import io.github.arcticasync.asynchronous.RequestKind;
import io.github.arcticasync.asynchronous.RequestState;
import io.github.arcticasync.internal.execution.OperationExecutor;
import io.github.arcticasync.internal.execution.RetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import static io.github.arcticasync.asynchronous.RequestKind.ACCESSOR;
import static io.github.arcticasync.asynchronous.RequestKind.MODIFIER;
import static io.github.arcticasync.internal.transport.Calls.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class LocalTransportTest {
    private static final Duration LONG = Duration.ofSeconds(20);
    /** The test operations never touch a store. */
    private static final io.github.arcticasync.internal.execution.StoreResolver NO_STORE = name -> null;
    private final List<LocalTransport> transports = new ArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    private LocalTransport transport(int poolSize) {
        LocalTransport t = LocalTransport.builder().libraries(NO_STORE).poolSize(poolSize).build();
        transports.add(t);
        return t;
    }

    @AfterEach
    void stop() {
        release.countDown();
        transports.forEach(LocalTransport::close);
    }

    private Object blockUntilReleased() throws InterruptedException {
        if (!release.await(LONG.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException("never released");
        }
        return "released";
    }

    private static void awaitAll(List<RequestHandle> handles) {
        handles.forEach(h -> h.completion().orTimeout(LONG.toSeconds(), TimeUnit.SECONDS).join());
    }

    @Test
    void modifiersOnOneSymbolRunOneAtATimeInSubmitOrder() {
        LocalTransport t = transport(4);
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        List<RequestHandle> handles = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            int n = i;
            handles.add(t.submit(call("X", MODIFIER, c -> {
                events.add("start " + n);
                Thread.yield();
                events.add("end " + n);
                return n;
            }), null));
        }
        awaitAll(handles);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            expected.add("start " + i);
            expected.add("end " + i);
        }
        assertThat(events).containsExactlyElementsOf(expected);
        for (int i = 1; i < handles.size(); i++) {
            assertThat(handles.get(i).startTime()).isAfterOrEqualTo(handles.get(i - 1).endTime());
        }
    }

    @Test
    void aModifierNeverOverlapsAnythingOnItsSymbolAndModifiersKeepTheirPlace() {
        LocalTransport t = transport(4);
        AtomicInteger accessors = new AtomicInteger();
        AtomicInteger modifiers = new AtomicInteger();
        List<String> violations = Collections.synchronizedList(new ArrayList<>());
        List<Integer> modifierOrder = Collections.synchronizedList(new ArrayList<>());
        List<RequestHandle> handles = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            int n = i;
            RequestKind kind = i % 3 == 0 ? MODIFIER : ACCESSOR;
            handles.add(t.submit(call("X", kind, c -> {
                if (kind == MODIFIER) {
                    if (modifiers.incrementAndGet() != 1 || accessors.get() != 0) {
                        violations.add("modifier " + n + " overlapped");
                    }
                    modifierOrder.add(n);
                    Thread.yield();
                    modifiers.decrementAndGet();
                } else {
                    accessors.incrementAndGet();
                    if (modifiers.get() != 0) {
                        violations.add("accessor " + n + " overlapped a modifier");
                    }
                    Thread.yield();
                    accessors.decrementAndGet();
                }
                return null;
            }), null));
        }
        awaitAll(handles);
        assertThat(violations).isEmpty();
        assertThat(modifierOrder).isSorted().hasSize(20);
    }

    @Test
    void accessorsOnOneSymbolRunTogether() {
        LocalTransport t = transport(2);
        CyclicBarrier both = new CyclicBarrier(2);
        List<RequestHandle> handles = List.of(
                t.submit(call("X", ACCESSOR, c -> both.await(LONG.toSeconds(), TimeUnit.SECONDS)), null),
                t.submit(call("X", ACCESSOR, c -> both.await(LONG.toSeconds(), TimeUnit.SECONDS)), null));
        awaitAll(handles);
        assertThat(handles).allSatisfy(h -> assertThat(h.state()).isEqualTo(RequestState.SUCCEEDED));
    }

    @Test
    void differentSymbolsRunInParallelUpToThePoolSize() {
        LocalTransport t = transport(3);
        AtomicInteger current = new AtomicInteger();
        AtomicInteger max = new AtomicInteger();
        List<RequestHandle> handles = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            handles.add(t.submit(call("S" + i, MODIFIER, c -> {
                max.accumulateAndGet(current.incrementAndGet(), Math::max);
                try {
                    return blockUntilReleased();
                } finally {
                    current.decrementAndGet();
                }
            }), null));
        }
        await().atMost(LONG).until(() -> t.runningRequests() == 3);
        assertThat(handles.stream().filter(h -> h.state() == RequestState.QUEUED)).hasSize(4);
        release.countDown();
        awaitAll(handles);
        assertThat(max.get()).isEqualTo(3);
        // a request stops counting as pending just after its waiters are told
        await().atMost(LONG).until(() -> t.pendingRequests() == 0);
    }

    @Test
    void shutdownRefusesNewRequestsAndLetsRunningAndQueuedOnesFinish() {
        LocalTransport t = transport(1);
        RequestHandle running = t.submit(call("X", MODIFIER, c -> blockUntilReleased()), null);
        RequestHandle queuedSameSymbol = t.submit(call("X", ACCESSOR, c -> "a"), null);
        RequestHandle queuedForThread = t.submit(call("Y", ACCESSOR, c -> "b"), null);
        await().atMost(LONG).until(() -> running.state() == RequestState.RUNNING);
        t.shutdown();
        assertThatThrownBy(() -> t.submit(call("Z", ACCESSOR, c -> null), null))
                .isInstanceOf(AsyncArcticException.class).hasMessageContaining("has been shutdown");
        assertThat(t.totalRequests()).isEqualTo(3);
        assertThatThrownBy(() -> t.awaitTermination(Duration.ofMillis(50)))
                .isInstanceOf(RequestDurationException.class).hasMessageContaining("3 requests still pending");
        release.countDown();
        t.awaitTermination(LONG);
        assertThat(List.of(running, queuedSameSymbol, queuedForThread))
                .allSatisfy(h -> assertThat(h.state()).isEqualTo(RequestState.SUCCEEDED));
        assertThat(queuedSameSymbol.completion().join()).isEqualTo("a");
        assertThat(t.pendingRequests()).isZero();
    }

    @Test
    void resizeKeepsQueuedRequestsAndChangesHowManyRun() {
        LocalTransport t = transport(1);
        List<RequestHandle> handles = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            handles.add(t.submit(call("S" + i, MODIFIER, c -> blockUntilReleased()), null));
        }
        await().atMost(LONG).until(() -> t.runningRequests() == 1);
        t.resize(3, LONG);
        assertThat(t.poolSize()).isEqualTo(3);
        await().atMost(LONG).until(() -> t.runningRequests() == 3);
        release.countDown();
        awaitAll(handles);
        assertThat(handles).allSatisfy(h -> assertThat(h.completion().join()).isEqualTo("released"));
    }

    @Test
    void afterShrinkingNoMoreThanTheNewSizeRunAtOnce() {
        LocalTransport t = transport(4);
        CountDownLatch blockers = new CountDownLatch(1);
        List<RequestHandle> handles = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            handles.add(t.submit(call("B" + i, MODIFIER, c -> blockers.await(LONG.toSeconds(), TimeUnit.SECONDS)),
                    null));
        }
        await().atMost(LONG).until(() -> t.runningRequests() == 4);
        CompletableFuture<Void> shrink = CompletableFuture.runAsync(() -> t.resize(2, LONG));
        await().atMost(LONG).until(() -> t.poolSize() == 2);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        for (int i = 0; i < 60; i++) {
            handles.add(t.submit(call("S" + i, ACCESSOR, c -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                LockSupport.parkNanos(200_000); // widen the window in which an extra thread could overlap
                running.decrementAndGet();
                return null;
            }), null));
        }
        blockers.countDown();
        shrink.orTimeout(LONG.toSeconds(), TimeUnit.SECONDS).join();
        awaitAll(handles);
        assertThat(most.get()).isBetween(1, 2);
    }

    @Test
    void shrinkingWaitsForRequestsBeyondTheNewSize() {
        LocalTransport t = transport(3);
        List<CountDownLatch> latches = List.of(new CountDownLatch(1), new CountDownLatch(1), new CountDownLatch(1));
        List<RequestHandle> handles = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            CountDownLatch l = latches.get(i);
            handles.add(t.submit(call("S" + i, MODIFIER, c -> l.await(LONG.toSeconds(), TimeUnit.SECONDS)), null));
        }
        await().atMost(LONG).until(() -> t.runningRequests() == 3);
        assertThatThrownBy(() -> t.resize(1, Duration.ofMillis(50))).isInstanceOf(RequestDurationException.class)
                .hasMessageContaining("3 requests still run");
        latches.get(0).countDown();
        latches.get(1).countDown();
        t.resize(1, LONG);
        assertThat(t.runningRequests()).isLessThanOrEqualTo(1);
        latches.get(2).countDown();
        awaitAll(handles);
    }

    @Test
    void resizeReopensAPoolThatWasShutDown() {
        LocalTransport t = transport(2);
        t.submit(call("X", ACCESSOR, c -> 1), null).completion().join();
        t.shutdown();
        t.awaitTermination(LONG);
        assertThatThrownBy(() -> t.submit(call("X", ACCESSOR, c -> 1), null)).isInstanceOf(AsyncArcticException.class);
        t.resize(2, LONG);
        assertThat(t.submit(call("X", ACCESSOR, c -> 2), null).completion().orTimeout(20, TimeUnit.SECONDS).join())
                .isEqualTo(2);
        assertThat(t.totalRequests()).as("counts submissions since start, across resets").isEqualTo(2);
    }

    @Test
    void requestsAreFoundByIdUntilTheirResultExpires() {
        MutableClock clock = new MutableClock();
        LocalTransport t = LocalTransport.builder().libraries(NO_STORE).poolSize(1).clock(clock).resultTtl(Duration.ofMinutes(5)).build();
        transports.add(t);
        RequestHandle h = t.submit(call("X", ACCESSOR, c -> 1), null);
        h.completion().join();
        await().atMost(LONG).until(() -> t.pendingRequests() == 0);
        assertThat(t.find(h.id())).containsSame(h);
        clock.advance(Duration.ofMinutes(6));
        assertThat(t.find(h.id())).isEmpty();
    }

    /** Arctic bug 11: the mongo_retry counter is process-global, so concurrent requests share one budget. */
    @Test
    void eachRequestHasItsOwnRetryBudget() {
        LocalTransport t = LocalTransport.builder().libraries(NO_STORE).poolSize(2)
                .executor(new OperationExecutor(new RetryPolicy(2, Duration.ZERO, 1.0, Duration.ZERO))).build();
        transports.add(t);
        CyclicBarrier bothFailing = new CyclicBarrier(2);
        List<RequestHandle> handles = new ArrayList<>();
        for (String symbol : List.of("A", "B")) {
            handles.add(t.submit(call(symbol, ACCESSOR, true, c -> {
                if (c.attempt() == 1) {
                    bothFailing.await(LONG.toSeconds(), TimeUnit.SECONDS); // both requests are in their retry loop
                }
                if (c.attempt() <= 2) {
                    throw new MongoSocketException("reset", new ServerAddress("127.0.0.1", 1));
                }
                return "ok " + c.attempt();
            }), null));
        }
        awaitAll(handles);
        assertThat(handles).allSatisfy(h -> assertThat(h.completion().join()).isEqualTo("ok 3"));
    }

    /** Arctic bug 9: a scheduling failure was masked by a second error; here the request fails with its cause. */
    @Test
    void aRequestThePoolRefusesFailsWithTheReasonAndFreesItsSymbol() {
        LocalTransport t = LocalTransport.builder().libraries(NO_STORE).poolSize(1).poolFactory(size -> {
            ThreadPoolExecutor refusing = new ThreadPoolExecutor(size, size, 1, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>());
            refusing.shutdown();
            return refusing;
        }).build();
        transports.add(t);
        RequestHandle first = t.submit(call("X", MODIFIER, c -> 1), null);
        assertThat(first.state()).isEqualTo(RequestState.FAILED);
        assertThat(first.exception()).isInstanceOf(AsyncArcticException.class)
                .hasMessageContaining("Could not schedule")
                .hasCauseInstanceOf(java.util.concurrent.RejectedExecutionException.class);
        RequestHandle second = t.submit(call("X", MODIFIER, c -> 2), null);
        assertThat(second.state()).as("the symbol was freed, so it was dispatched (and refused) at once")
                .isEqualTo(RequestState.FAILED);
        assertThat(t.pendingRequests()).isZero();
    }

    /** Arctic bug 10: shutdown created a pool just to shut it down. */
    @Test
    void shutdownOfAnUnusedTransportCreatesNoThreads() {
        LocalTransport t = transport(2);
        t.shutdown();
        t.awaitTermination(Duration.ofSeconds(1));
        assertThat(t.hasThreadPool()).isFalse();
        assertThat(t.isShutdown()).isTrue();
    }

    /** Arctic bug 10: reset after a deferred shutdown left the old pool to drain on its own. */
    @Test
    void resetDuringADeferredShutdownKeepsThePendingWorkAndTheLimit() {
        LocalTransport t = transport(1);
        RequestHandle old = t.submit(call("X", MODIFIER, c -> blockUntilReleased()), null);
        await().atMost(LONG).until(() -> old.state() == RequestState.RUNNING);
        t.shutdown();
        t.resize(1, Duration.ZERO);
        RequestHandle next = t.submit(call("Y", MODIFIER, c -> "next"), null);
        assertThat(next.state()).as("one thread, busy with the old request").isEqualTo(RequestState.QUEUED);
        release.countDown();
        assertThat(next.completion().orTimeout(20, TimeUnit.SECONDS).join()).isEqualTo("next");
        assertThat(old.completion().join()).isEqualTo("released");
        assertThat(t.isShutdown()).isFalse();
    }

    /** A test clock that moves only when told. */
    static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2024-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
