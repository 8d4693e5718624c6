package io.github.arcticasync.asynchronous;

import io.github.arcticasync.store.Arctic;
import io.github.arcticasync.store.DataFrame;
import io.github.arcticasync.store.DuplicateSnapshotException;
import io.github.arcticasync.store.NoDataFoundException;
import io.github.arcticasync.store.VersionInfo;
import io.github.arcticasync.store.VersionStore;
import io.github.arcticasync.store.VersionedItem;
import io.github.arcticasync.testkit.MongoServer;
import io.github.arcticasync.testkit.MongoServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AsyncArctic on the real store, against a real MongoDB (the testkit's fixture). */
class AsyncArcticIT {
    private static final Duration LONG = Duration.ofSeconds(60);
    private static final long DAY = 86_400_000_000_000L;
    private static MongoServer server;
    private static Arctic arctic;

    private VersionStore lib;
    private AsyncArctic aa;

    @BeforeAll
    static void startMongo() {
        server = MongoServers.start();
        arctic = Arctic.connect(server.connectionString());
    }

    @AfterAll
    static void stopMongo() {
        arctic.close();
        server.close();
    }

    @BeforeEach
    void library(org.junit.jupiter.api.TestInfo info) {
        String name = "it_" + info.getTestMethod().orElseThrow().getName().toLowerCase();
        name = name.length() > 40 ? name.substring(0, 40) : name;
        arctic.initializeLibrary(name);
        lib = arctic.getLibrary(name);
        aa = AsyncArctic.builder().arctic(arctic).poolSize(4).build();
    }

    @AfterEach
    void close() {
        aa.close();
    }

    private static DataFrame frame(int firstDay, int rows, double base) {
        long[] index = new long[rows];
        double[] price = new double[rows];
        for (int i = 0; i < rows; i++) {
            index[i] = (firstDay + i) * DAY;
            price[i] = base + i;
        }
        return DataFrame.builder().datetimeIndex(index).column("price", price).build();
    }

    @Test
    void batchWritesThenConcurrentReadsReturnWhatWasWritten() {
        List<String> symbols = List.of("AAPL", "MSFT", "GOOG");
        List<AsyncRequest> writes = new ArrayList<>();
        for (int i = 0; i < symbols.size(); i++) {
            writes.add(aa.submit(lib, "write", false, symbols.get(i), frame(0, 50, i * 100),
                    Kwargs.of("metadata", Map.of("source", "it"))));
        }
        assertThat(aa.waitRequests(writes, LONG)).allSatisfy(r -> assertThat(((VersionedItem) r).version())
                .isEqualTo(1));
        List<AsyncRequest> reads = symbols.stream().map(s -> aa.submit(lib, "read", false, s)).toList();
        List<Object> items = aa.waitRequests(reads, LONG);
        for (int i = 0; i < symbols.size(); i++) {
            VersionedItem item = (VersionedItem) items.get(i);
            assertThat(item.symbol()).isEqualTo(symbols.get(i));
            assertThat(item.data()).isEqualTo(frame(0, 50, i * 100));
            assertThat(item.metadata()).containsEntry("source", "it");
        }
    }

    @Test
    void writesToOneSymbolBecomeVersionsInSubmitOrder() {
        List<AsyncRequest> writes = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            writes.add(aa.submit(lib, "write", false, "SYM", frame(0, 5, i), Kwargs.of("prune_previous_version",
                    false)));
        }
        List<Object> results = aa.waitRequests(writes, LONG);
        for (int i = 0; i < results.size(); i++) {
            assertThat(((VersionedItem) results.get(i)).version()).isEqualTo(i + 1);
        }
        VersionedItem v5 = (VersionedItem) aa.waitRequest(aa.submit(lib, "read", false, "SYM", Kwargs.of("as_of",
                5)), LONG);
        assertThat(v5.data()).isEqualTo(frame(0, 5, 4));
    }

    @Test
    void mixedOperationsThroughTheRegistry() {
        aa.waitRequest(aa.submit(lib, "write", false, "X", frame(0, 10, 1)), LONG);
        aa.waitRequest(aa.submit(lib, "append", false, "X", frame(10, 5, 1)), LONG);
        aa.waitRequest(aa.submit(lib, "writeMetadata", false, "X", Map.of("k", 1)), LONG);
        List<AsyncRequest> rs = List.of(
                aa.submit(lib, "read_metadata", false, "X"),
                aa.submit(lib, "has_symbol", false, "X"),
                aa.submit(lib, "has_symbol", false, "NOPE"),
                aa.submit(lib, "list_symbols", false),
                aa.submit(lib, "list_versions", false, "X"),
                aa.submit(lib, "read", false, "X"));
        List<Object> out = aa.waitRequests(rs, LONG);
        assertThat(((VersionedItem) out.get(0)).metadata()).containsEntry("k", 1);
        assertThat(out.get(1)).isEqualTo(true);
        assertThat(out.get(2)).isEqualTo(false);
        assertThat(out.get(3)).isEqualTo(List.of("X"));
        @SuppressWarnings("unchecked")
        List<VersionInfo> versions = (List<VersionInfo>) out.get(4);
        assertThat(versions).isNotEmpty();
        assertThat(((DataFrame) ((VersionedItem) out.get(5)).data()).rowCount()).isEqualTo(15);
    }

    @Test
    void snapshotsRestoreAndDelete() {
        aa.waitRequest(aa.submit(lib, "write", false, "S", frame(0, 3, 1)), LONG);
        aa.waitRequest(aa.submit(lib, "snapshot", false, "eod"), LONG);
        AsyncRequest dup = aa.submit(lib, "snapshot", false, "eod");
        assertThatThrownBy(() -> aa.waitRequest(dup, LONG)).isInstanceOf(DuplicateSnapshotException.class);
        aa.waitRequest(aa.submit(lib, "write", false, "S", frame(0, 3, 9)), LONG);
        VersionedItem restored = (VersionedItem) aa.waitRequest(aa.submit(lib, "restore_version", false, "S", 1),
                LONG);
        assertThat(restored.version()).isEqualTo(3);
        assertThat(((Map<?, ?>) aa.waitRequest(aa.submit(lib, "list_snapshots", false), LONG)).containsKey("eod")).isTrue();
        aa.waitRequest(aa.submit(lib, "delete_snapshot", false, "eod"), LONG);
        aa.waitRequest(aa.submit(lib, "delete", false, "S"), LONG);
        assertThat(aa.waitRequest(aa.submit(lib, "has_symbol", false, "S"), LONG)).isEqualTo(false);
    }

    @Test
    void aMissingSymbolFailsWithTheStoresException() {
        AsyncRequest r = aa.submit(lib, "read", false, "MISSING");
        assertThatThrownBy(() -> aa.waitRequest(r, LONG)).isInstanceOf(NoDataFoundException.class)
                .hasMessageContaining("MISSING");
        assertThat(aa.filterErrored(List.of(r))).containsExactly(r);
    }

    @Test
    void aLibraryRefIsResolvedThroughTheMongoUrl() {
        aa.waitRequest(aa.submit(lib, "write", false, "R", frame(0, 3, 1)), LONG);
        try (AsyncArctic byUrl = AsyncArctic.builder().mongo(server.connectionString()).build()) {
            AsyncRequest r = byUrl.submit(LibraryRef.of(lib.libraryName()), "has_symbol", false, "R");
            assertThat(byUrl.waitRequest(r, LONG)).isEqualTo(true);
            AsyncRequest missing = byUrl.submit(LibraryRef.of("no_such_library"), "has_symbol", false, "R");
            assertThatThrownBy(() -> byUrl.waitRequest(missing, LONG))
                    .isInstanceOf(io.github.arcticasync.store.ArcticException.class);
        }
    }

    @Test
    void manyHasSymbolRequestsAcrossSymbolsAllComplete() {
        List<AsyncRequest> rs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            rs.add(aa.submit(lib, "has_symbol", false, "SYM" + i));
        }
        assertThat(aa.waitRequests(rs, LONG)).hasSize(100).allMatch(Boolean.FALSE::equals);
        assertThat(aa.totalRequests()).isEqualTo(100);
    }
}
