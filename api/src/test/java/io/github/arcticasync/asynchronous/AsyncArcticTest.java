package io.github.arcticasync.asynchronous;

import io.github.arcticasync.store.NoDataFoundException;
import io.github.arcticasync.store.VersionedItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static io.github.arcticasync.asynchronous.Fixture.LONG;
import static io.github.arcticasync.asynchronous.Fixture.pass;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class AsyncArcticTest {
    private final ScriptedStore lib = new ScriptedStore("arctic.prices");
    private final AsyncArctic aa = Fixture.pool(4);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void close() {
        release.countDown();
        aa.close();
    }

    @Test
    void closingABuiltButUnusedInstanceReleasesItsTransport() {
        AsyncArctic unused = AsyncArctic.builder().libraries(name -> lib).poolSize(1).build();
        unused.close();
        assertThatThrownBy(() -> unused.submit(lib, "has_symbol", false, "A"))
                .isInstanceOf(AsyncArcticException.class).hasMessageContaining("shutdown");
    }

    @Test
    void argumentsThatDoNotFitFailAtSubmitAndNothingIsQueued() {
        assertThatThrownBy(() -> aa.submit(lib, "reed", false, "A")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'reed'");
        assertThatThrownBy(() -> aa.submit(lib, "read", false)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing required argument 'symbol'");
        assertThatThrownBy(() -> aa.submit(lib, "read", false, "A", Kwargs.of("as_off", 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("as_off");
        assertThatThrownBy(() -> aa.submit(lib, "has_symbol", false, 7)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'symbol' must be a String");
        assertThatThrownBy(() -> aa.submit(null, "read", false, "A")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("store");
        assertThatThrownBy(() -> aa.submit("arctic.prices", "read", false, "A"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("VersionStore or a LibraryRef");
        assertThatThrownBy(() -> aa.submit(lib, "read", false, Kwargs.of("as_of", 1), "A"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("last argument");
        assertThatThrownBy(() -> aa.submit(lib, "read", false, "A", Kwargs.of("mongo_retry", "yes")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mongo_retry");
        assertThatThrownBy(() -> aa.submit(lib, "read", false, "A", Kwargs.of("async_callback", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("async_callback");
        assertThat(aa.totalRequests()).isZero();
        assertThat(lib.calls).isEmpty();
    }

    @Test
    void aRequestDescribesItselfAndReturnsTheOperationsResult() {
        AsyncRequest r = aa.submit(lib, "readMetadata", false, "AAPL", Kwargs.of("asOf", 2));
        assertThat(r.library()).isEqualTo("arctic.prices");
        assertThat(r.symbol()).isEqualTo("AAPL");
        assertThat(r.operation()).isEqualTo("read_metadata");
        assertThat(r.kind()).isEqualTo(RequestKind.ACCESSOR);
        VersionedItem item = (VersionedItem) aa.waitRequest(r, LONG);
        assertThat(item.symbol()).isEqualTo("AAPL");
        assertThat(r.isCompleted()).isTrue();
        assertThat(r.state()).isEqualTo(RequestState.SUCCEEDED);
        assertThat(r.exception()).isNull();
        assertThat(r.startTime()).isAfterOrEqualTo(r.createTime());
        assertThat(r.endTime()).isAfterOrEqualTo(r.startTime());
        assertThat(r.totalTime()).isEqualTo(r.scheduleDelay().plus(r.executionDuration()));
    }

    @Test
    void theSymbolMayBeAKeywordAndIsModifierOnlyMakesItStricter() {
        AsyncRequest byKeyword = aa.submit(lib, "has_symbol", false, Kwargs.of("symbol", "MSFT"));
        assertThat(byKeyword.symbol()).isEqualTo("MSFT");
        assertThat(aa.submit(lib, "has_symbol", true, "MSFT").kind()).isEqualTo(RequestKind.MODIFIER);
        assertThat(aa.submit(lib, "write", false, "MSFT", new Object()).kind()).isEqualTo(RequestKind.MODIFIER);
        assertThat(aa.waitRequest(byKeyword, LONG)).isEqualTo(true);
    }

    @Test
    void timingsAreUnknownUntilTheyHappen() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        lib.on("hasSymbol", (s, a) -> {
            started.countDown();
            pass(release);
            return true;
        });
        AsyncRequest r = aa.submit(lib, "has_symbol", false, "A");
        pass(started);
        assertThat(r.isRunning()).isTrue();
        assertThat(r.scheduleDelay()).isGreaterThanOrEqualTo(Duration.ZERO);
        assertThatThrownBy(r::executionDuration).isInstanceOf(RequestDurationException.class)
                .hasMessageContaining(r.id());
        assertThatThrownBy(r::totalTime).isInstanceOf(RequestDurationException.class);
        release.countDown();
        aa.waitRequest(r, LONG);
        assertThat(r.executionDuration()).isGreaterThanOrEqualTo(Duration.ZERO);
    }

    @Test
    void aTimedOutWaitLeavesTheRequestRunningAndItCanBeWaitedAgain() {
        lib.on("hasSymbol", (s, a) -> {
            pass(release);
            return true;
        });
        AsyncRequest r = aa.submit(lib, "has_symbol", false, "A");
        assertThatThrownBy(() -> aa.waitRequest(r, Duration.ofMillis(50)))
                .isInstanceOf(RequestDurationException.class).hasMessageContaining("can be waited on again");
        assertThat(r.isCompleted()).isFalse();
        release.countDown();
        assertThat(aa.waitRequest(r, LONG)).isEqualTo(true);
        assertThat(aa.waitRequest(r)).as("waiting consumes nothing").isEqualTo(true);
    }

    @Test
    void waitRequestsReturnsResultsInInputOrder() throws Exception {
        List<CountDownLatch> gates = List.of(new CountDownLatch(1), new CountDownLatch(1), new CountDownLatch(1));
        lib.on("hasSymbol", (s, a) -> {
            pass(gates.get(Integer.parseInt(s.substring(1))));
            return s.equals("S1");
        });
        List<AsyncRequest> rs = List.of(aa.submit(lib, "has_symbol", false, "S0"),
                aa.submit(lib, "has_symbol", false, "S1"), aa.submit(lib, "has_symbol", false, "S2"));
        gates.get(2).countDown();
        await().atMost(LONG).until(() -> rs.get(2).isCompleted());
        gates.get(1).countDown();
        gates.get(0).countDown();
        assertThat(aa.waitRequests(rs, LONG)).containsExactly(false, true, false);
    }

    @Test
    void waitAnyRequestReturnsTheFirstCompleted() {
        lib.on("hasSymbol", (s, a) -> {
            if (s.equals("SLOW")) {
                pass(release);
            }
            return true;
        });
        AsyncRequest slow = aa.submit(lib, "has_symbol", false, "SLOW");
        assertThatThrownBy(() -> aa.waitAnyRequest(List.of(slow), Duration.ofMillis(50)))
                .isInstanceOf(RequestDurationException.class);
        AsyncRequest fast = aa.submit(lib, "has_symbol", false, "FAST");
        assertThat(aa.waitAnyRequest(List.of(slow, fast), LONG)).isEqualTo(fast);
        assertThatThrownBy(() -> aa.waitAnyRequest(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void callbacksRunOnCompletionOrAtOnceAndAreContained() {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        lib.on("hasSymbol", (s, a) -> {
            pass(release);
            return true;
        });
        Consumer<AsyncRequest> viaKwargs = r -> seen.add("kwargs " + r.isCompleted());
        AsyncRequest r = aa.submit(lib, "has_symbol", false, "A", Kwargs.of("async_callback", viaKwargs));
        r.onComplete(x -> {
            throw new IllegalStateException("a broken callback");
        });
        r.onComplete(x -> seen.add("later " + x.isCompleted()));
        assertThat(seen).isEmpty();
        release.countDown();
        assertThat(aa.waitRequest(r, LONG)).isEqualTo(true);
        await().atMost(LONG).until(() -> seen.size() == 2);
        assertThat(seen).containsExactly("kwargs true", "later true");
        AtomicInteger immediate = new AtomicInteger();
        r.onComplete(x -> immediate.incrementAndGet());
        assertThat(immediate).as("ran before onComplete returned").hasValue(1);
    }

    @Test
    void toCompletableFutureCompletesWithTheResultOrTheOperationsException() throws Exception {
        NoDataFoundException missing = new NoDataFoundException("No data found for NOPE in library arctic.prices");
        lib.on("read", (s, a) -> {
            if (s.equals("NOPE")) {
                throw missing;
            }
            return new VersionedItem(s, "arctic.prices", null, 7, Map.of(), "h");
        });
        CompletableFuture<Object> ok = aa.submit(lib, "read", false, "A").toCompletableFuture();
        assertThat(((VersionedItem) ok.get()).version()).isEqualTo(7);
        AsyncRequest failing = aa.submit(lib, "read", false, "NOPE");
        CompletableFuture<Object> bad = failing.toCompletableFuture();
        assertThatThrownBy(bad::get).isInstanceOf(ExecutionException.class).hasCause(missing);
        bad.complete("tampered");
        assertThatThrownBy(() -> aa.waitRequest(failing, LONG)).isSameAs(missing);
    }

    @Test
    void requestsAreFoundById() {
        AsyncRequest r = aa.submit(lib, "has_symbol", false, "A");
        aa.waitRequest(r, LONG);
        AsyncRequest again = aa.request(r.id());
        assertThat(again).isEqualTo(r);
        assertThat(again.isCompleted()).isTrue();
        assertThatThrownBy(() -> aa.request("no-such-id")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no-such-id");
    }

    @Test
    void aLibraryRefIsResolvedByThePoolsLibraries() {
        try (AsyncArctic named = AsyncArctic.builder().libraries(name -> name.equals("arctic.prices") ? lib : null)
                .build()) {
            AsyncRequest r = named.submit(LibraryRef.of("arctic.prices"), "has_symbol", false, "A");
            assertThat(named.waitRequest(r, LONG)).isEqualTo(true);
            assertThat(r.library()).isEqualTo("arctic.prices");
            assertThat(lib.calls).containsExactly("hasSymbol A");
        }
        assertThatThrownBy(() -> aa.submit(LibraryRef.of("arctic.prices"), "has_symbol", false, "A"))
                .isInstanceOf(AsyncArcticException.class).hasMessageContaining("arctic.prices");
    }

    @Test
    void errorHelpersFindTheFailedRequests() {
        NoDataFoundException missing = new NoDataFoundException("missing");
        lib.on("read", (s, a) -> {
            if (s.equals("BAD")) {
                throw missing;
            }
            return null;
        });
        AsyncRequest good = aa.submit(lib, "read", false, "GOOD");
        AsyncRequest bad = aa.submit(lib, "read", false, "BAD");
        await().atMost(LONG).until(() -> good.isCompleted() && bad.isCompleted());
        assertThat(aa.filterErrored(List.of(good, bad))).containsExactly(bad);
        assertThatThrownBy(() -> aa.raiseFirstErrored(List.of(good, bad))).isSameAs(missing);
        aa.raiseFirstErrored(List.of(good));
        RequestSplit split = aa.filterFinishedRequests(List.of(good), true);
        assertThat(split.done()).containsExactly(good);
    }

    @Test
    void pendingAndTotalCountSubmissions() {
        lib.on("hasSymbol", (s, a) -> {
            pass(release);
            return true;
        });
        List<AsyncRequest> rs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            rs.add(aa.submit(lib, "has_symbol", false, "S" + i));
        }
        assertThat(aa.totalRequests()).isEqualTo(6);
        assertThat(aa.pendingRequests()).isEqualTo(6);
        release.countDown();
        aa.waitRequests(rs, LONG);
        await().atMost(LONG).until(() -> aa.pendingRequests() == 0);
        aa.resetPool(2, LONG);
        assertThat(aa.poolSize()).isEqualTo(2);
        aa.resetPool();
        assertThat(aa.poolSize()).isEqualTo(4);
        assertThat(aa.totalRequests()).isEqualTo(6);
    }

    @Test
    void shutdownRefusesNewRequests() {
        aa.shutdown();
        assertThatThrownBy(() -> aa.submit(lib, "has_symbol", false, "A")).isInstanceOf(AsyncArcticException.class)
                .hasMessage("AsyncArctic has been shutdown and can no longer accept new requests.");
        aa.resetPool(null, LONG);
        assertThat(aa.waitRequest(aa.submit(lib, "has_symbol", false, "A"), LONG)).isEqualTo(true);
    }

    @Test
    void anUnreachableRedisFailsTheBuildWithoutShowingThePassword() {
        assertThatThrownBy(() -> AsyncArctic.builder().redis("redis://user:secret@127.0.0.1:1").build())
                .isInstanceOf(AsyncArcticException.class).hasMessageContaining("Cannot connect to Redis")
                .hasMessageNotContaining("secret");
    }

    @Test
    void badConfigurationIsRejected() {
        assertThatThrownBy(() -> AsyncArctic.builder().poolSize(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("poolSize");
        assertThatThrownBy(() -> aa.resetPool(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> aa.waitRequests(List.of(), Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
        assertThatThrownBy(() -> AsyncArctic.builder().namespace("a b")).isInstanceOf(IllegalArgumentException.class);
    }
}
