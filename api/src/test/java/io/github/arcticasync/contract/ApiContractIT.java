package io.github.arcticasync.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ConnectionString;
import io.github.arcticasync.asynchronous.AsyncArctic;
import io.github.arcticasync.asynchronous.AsyncArcticException;
import io.github.arcticasync.asynchronous.AsyncRequest;
import io.github.arcticasync.asynchronous.Kwargs;
import io.github.arcticasync.asynchronous.LibraryRef;
import io.github.arcticasync.asynchronous.RequestDurationException;
import io.github.arcticasync.asynchronous.RequestKind;
import io.github.arcticasync.asynchronous.RequestSplit;
import io.github.arcticasync.store.Arctic;
import io.github.arcticasync.store.ArcticException;
import io.github.arcticasync.store.DataFrame;
import io.github.arcticasync.store.DateRange;
import io.github.arcticasync.store.NdArray;
import io.github.arcticasync.store.NoDataFoundException;
import io.github.arcticasync.store.ReadOptions;
import io.github.arcticasync.store.Series;
import io.github.arcticasync.store.VersionInfo;
import io.github.arcticasync.store.VersionStore;
import io.github.arcticasync.store.VersionedItem;
import io.github.arcticasync.testkit.WithMongo;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The public contract of API.md §1–2, spelled exactly as users and outside acceptance tests write it: if a name or
 * signature drifts, this stops compiling. Each use also checks the behaviour the contract promises.
 */
@WithMongo
class ApiContractIT {
    private static final long DAY = 86_400_000_000_000L;
    private static final long START = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond() * 1_000_000_000L;

    private static DataFrame frame(int rows, double base) {
        long[] idx = new long[rows];
        double[] price = new double[rows];
        long[] qty = new long[rows];
        for (int i = 0; i < rows; i++) {
            idx[i] = START + i * DAY;
            price[i] = base + i;
            qty[i] = i;
        }
        return DataFrame.builder().datetimeIndex(idx).indexName("date").column("price", price).column("qty", qty)
                .build();
    }

    @Test
    void theStoreSectionReadsAsApiMdWritesIt(ConnectionString mongo) {
        try (Arctic arctic = Arctic.connect(mongo.getConnectionString())) {
            arctic.initializeLibrary("contract.market_data");
            VersionStore lib = arctic.getLibrary("contract.market_data");
            assertThat(arctic.listLibraries()).contains("contract.market_data");

            DataFrame frame = frame(10, 100);
            VersionedItem w = lib.write("AAPL", frame);
            VersionedItem w2 = lib.write("AAPL", frame, Map.of("source", "feed"));
            VersionedItem w3 = lib.write("AAPL", frame, Map.of("source", "feed"), false);
            assertThat(List.of(w.version(), w2.version(), w3.version())).containsExactly(1, 2, 3);

            long[] more = {START + 10 * DAY};
            VersionedItem a = lib.append("AAPL", DataFrame.builder().datetimeIndex(more).indexName("date")
                    .column("price", new double[] {110}).column("qty", new long[] {10}).build());
            assertThat(a.version()).isEqualTo(4);

            VersionedItem r = lib.read("AAPL");
            assertThat(((DataFrame) r.data()).rowCount()).isEqualTo(11);
            assertThat(r.library()).isEqualTo(lib.libraryName());
            DateRange range = DateRange.of(Instant.ofEpochSecond(START / 1_000_000_000L + 2 * 86_400),
                    Instant.ofEpochSecond(START / 1_000_000_000L + 4 * 86_400));
            VersionedItem r2 = lib.read("AAPL", ReadOptions.builder().asOf(3).dateRange(range).build());
            DataFrame part = (DataFrame) r2.data();
            assertThat(part).isEqualTo(frame.slice(range));
            assertThat(part.doubleColumn("price")).containsExactly(102, 103, 104);
            assertThat(part.dtype("price")).isEqualTo("<f8");
            assertThat(part.indexName()).isEqualTo("date");

            VersionedItem m = lib.readMetadata("AAPL");
            assertThat(m.data()).isNull();
            lib.writeMetadata("AAPL", Map.of("k", 1));
            assertThat(lib.readMetadata("AAPL").metadata()).containsEntry("k", 1);
            assertThat(lib.hasSymbol("AAPL")).isTrue();
            assertThat(lib.listSymbols()).containsExactly("AAPL");

            List<VersionInfo> vs = lib.listVersions("AAPL");
            assertThat(vs.get(0).version()).isGreaterThan(vs.get(vs.size() - 1).version());

            lib.write("SKIP", frame);
            lib.snapshot("eod");
            lib.snapshot("eod2", Map.of("why", "close"), List.of("SKIP"), Map.of("AAPL", 2));
            Map<String, Map<String, Object>> snaps = lib.listSnapshots();
            assertThat(snaps).containsKeys("eod", "eod2");
            assertThat(snaps.get("eod2")).containsEntry("why", "close");
            assertThat(lib.read("AAPL", ReadOptions.builder().asOf("eod2").build()).version()).isEqualTo(2);
            lib.deleteSnapshot("eod");
            assertThat(lib.listSnapshots()).doesNotContainKey("eod");

            VersionedItem restored = lib.restoreVersion("AAPL", 2);
            assertThat(restored.version()).isGreaterThan(5);
            assertThat(lib.read("AAPL").data()).isEqualTo(frame);

            lib.delete("AAPL");
            assertThat(lib.hasSymbol("AAPL")).isFalse();
            assertThatThrownBy(() -> lib.read("AAPL")).isInstanceOf(NoDataFoundException.class)
                    .isInstanceOf(ArcticException.class).hasMessageContaining("AAPL");
            String name = lib.libraryName();
            assertThat(name).isEqualTo("arctic_contract.market_data");

            Series s = Series.of("px", new long[] {START, START + DAY}, new double[] {1.5, 2.5});
            lib.write("SER", s);
            assertThat(lib.read("SER").data()).isEqualTo(s);
            NdArray nd = NdArray.of(new long[] {1, 2, 3, 4, 5, 6}, 3, 2);
            lib.write("ND", nd);
            NdArray back = (NdArray) lib.read("ND").data();
            assertThat(back.shape()).containsExactly(3, 2);
            LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
            fields.put("id", new int[] {1, 2});
            fields.put("val", new double[] {0.5, 1.5});
            lib.write("NDS", NdArray.ofFields(fields));
            assertThat(((NdArray) lib.read("NDS").data()).fieldNames()).containsExactly("id", "val");

            arctic.deleteLibrary("contract.market_data");
            assertThat(arctic.listLibraries()).doesNotContain("contract.market_data");
        }
    }

    @Test
    void theAsyncSectionReadsAsApiMdWritesIt(ConnectionString mongo) throws Exception {
        try (Arctic arctic = Arctic.connect(mongo.getConnectionString());
             AsyncArctic aa = AsyncArctic.builder().mongo(mongo.getConnectionString()).namespace("contract")
                     .build()) {
            arctic.initializeLibrary("contract.async");
            VersionStore lib = arctic.getLibrary("contract.async");
            DataFrame frame = frame(20, 1);

            AsyncRequest w = aa.submit(lib, "write", true, "AAPL", frame);
            assertThat(w.kind()).isEqualTo(RequestKind.MODIFIER);
            assertThat(((VersionedItem) aa.waitRequest(w, Duration.ofSeconds(30))).version()).isEqualTo(1);

            AsyncRequest r = aa.submit(LibraryRef.of("contract.async"), "read", false, "AAPL");
            VersionedItem item = (VersionedItem) aa.waitRequest(r, Duration.ofSeconds(30));
            assertThat(item.data()).isEqualTo(frame);
            assertThat(r.id()).isNotBlank();
            assertThat(r.library()).isEqualTo("arctic_contract.async");
            assertThat(r.symbol()).isEqualTo("AAPL");
            assertThat(r.operation()).isIn("read");
            assertThat(r.isCompleted()).isTrue();
            assertThat(r.isRunning()).isFalse();
            assertThat(r.exception()).isNull();
            assertThat(r.executionDuration().isNegative()).isFalse();
            assertThat(r.scheduleDelay().isNegative()).isFalse();
            assertThat(r.totalTime()).isGreaterThanOrEqualTo(r.executionDuration());
            assertThat(r.createTime()).isNotNull();
            assertThat(r.startTime()).isNotNull();
            assertThat(r.endTime()).isNotNull();
            assertThat(r.toCompletableFuture().get()).isEqualTo(item);
            AtomicReference<AsyncRequest> called = new AtomicReference<>();
            r.onComplete(called::set);
            assertThat(called.get()).isSameAs(r);
            assertThat(aa.request(r.id()).id()).isEqualTo(r.id());

            DateRange lastDays = DateRange.of(Instant.ofEpochSecond(START / 1_000_000_000L + 15 * 86_400), null);
            AsyncRequest kw = aa.submit(lib, "read", false, "AAPL", Kwargs.of("date_range", lastDays));
            AsyncRequest meta = aa.submit(lib, "readMetadata", false, "AAPL");
            AsyncRequest has = aa.submit(lib, "has_symbol", false, "AAPL");
            AsyncRequest missing = aa.submit(lib, "read", false, "NOPE");
            List<Object> results = aa.waitRequests(List.of(kw, meta, has), Duration.ofSeconds(30));
            assertThat(((DataFrame) ((VersionedItem) results.get(0)).data()).rowCount()).isEqualTo(5);
            assertThat(results.get(2)).isEqualTo(true);
            assertThatThrownBy(() -> aa.waitRequest(missing)).isInstanceOf(NoDataFoundException.class);
            assertThat(aa.waitAnyRequest(List.of(missing, has))).isIn(missing, has);
            RequestSplit split = aa.filterFinishedRequests(List.of(kw, meta), false);
            assertThat(split.done()).containsExactly(kw, meta);
            assertThat(split.alive()).isEmpty();
            assertThat(aa.filterErrored(List.of(kw, missing))).containsExactly(missing);
            assertThatThrownBy(() -> aa.raiseFirstErrored(List.of(kw, missing)))
                    .isInstanceOf(NoDataFoundException.class);

            assertThatThrownBy(() -> aa.submit(lib, "no_such_operation", false, "AAPL"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no_such_operation");
            long before = aa.totalRequests();
            assertThatThrownBy(() -> aa.submit(lib, "read", false)).isInstanceOf(IllegalArgumentException.class);
            assertThat(aa.totalRequests()).isEqualTo(before);

            aa.resetPool(8, Duration.ofSeconds(10));
            assertThat(aa.poolSize()).isEqualTo(8);
            aa.shutdown(Duration.ofSeconds(10));
            assertThatThrownBy(() -> aa.submit(lib, "has_symbol", false, "AAPL"))
                    .isInstanceOf(AsyncArcticException.class).isInstanceOf(ArcticException.class);
            aa.awaitTermination(Duration.ofSeconds(10));
            assertThat(aa.pendingRequests()).isZero();
            aa.resetPool();
            assertThat(aa.waitRequest(aa.submit(lib, "has_symbol", false, "AAPL"))).isEqualTo(true);
            assertThat(RequestDurationException.class.getSuperclass()).isEqualTo(AsyncArcticException.class);
        }
    }

    @Test
    void theStaticFunctionsExistAsTheSeedNamesThem() throws Exception {
        // Compile-time contract of the seed's functions; the singleton itself is exercised by StaticFunctionsTest.
        assertThat(AsyncArctic.class.getMethod("asyncArcticSubmit", Object.class, String.class, boolean.class,
                Object[].class).getReturnType()).isEqualTo(AsyncRequest.class);
        for (String name : List.of("asyncWaitRequest", "asyncWaitRequests", "asyncShutdown", "asyncAwaitTermination",
                "asyncResetPool", "asyncTotalRequests")) {
            assertThat(AsyncArctic.class.getMethods()).anyMatch(m -> m.getName().equals(name)
                    && java.lang.reflect.Modifier.isStatic(m.getModifiers()));
        }
        assertThat(AsyncArctic.ASYNC_ARCTIC).isNotNull();
    }
}
