package io.github.arcticasync.asynchronous;

import io.github.arcticasync.store.Arctic;
import io.github.arcticasync.store.ArcticException;
import io.github.arcticasync.store.DataFrame;
import io.github.arcticasync.store.DuplicateSnapshotException;
import io.github.arcticasync.store.NoDataFoundException;
import io.github.arcticasync.store.VersionInfo;
import io.github.arcticasync.store.VersionStore;
import io.github.arcticasync.store.VersionedItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The AsyncArctic suite every transport must pass unchanged, on the real store against a real MongoDB.
 *
 * <p>A subclass says only where requests run: it starts what its transport needs, builds the {@link AsyncArctic} under
 * test and says how a library is handed to {@code submit}. The test bodies are the same for every transport, so an
 * assertion here may rely only on what the API promises everywhere: counters are compared before and after, since a
 * cluster's {@code totalRequests} counts every client's submissions.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class AsyncArcticContract {
    private static final Duration LONG = Duration.ofSeconds(60);
    private static final long DAY = 86_400_000_000_000L;

    private Arctic arctic;
    private Object lib;
    private AsyncArctic aa;

    /** Starts the servers the transport needs and returns an Arctic on the MongoDB the requests will run against. */
    protected abstract Arctic startBackend();

    /** Stops what {@link #startBackend()} started; the contract closes the Arctic itself. */
    protected abstract void stopBackend();

    /** A fresh AsyncArctic under test, with a pool of 4; the contract closes it after each test. */
    protected abstract AsyncArctic newAsyncArctic();

    /** A second client that knows the libraries of that MongoDB only by name ({@link LibraryRef}). */
    protected abstract AsyncArctic newClientByName();

    /** What this transport's callers pass to {@code submit} for {@code library}. */
    protected abstract Object library(VersionStore library);

    /** The AsyncArctic under test in the running test, for a subclass's own tests of its transport. */
    protected final AsyncArctic asyncArctic() {
        return aa;
    }

    @BeforeAll
    final void start() {
        arctic = startBackend();
    }

    @AfterAll
    final void stop() {
        try {
            arctic.close();
        } finally {
            stopBackend();
        }
    }

    @BeforeEach
    final void library(TestInfo info) {
        String name = "it_" + info.getTestMethod().orElseThrow().getName().toLowerCase();
        name = name.length() > 40 ? name.substring(0, 40) : name;
        arctic.initializeLibrary(name);
        lib = library(arctic.getLibrary(name));
        aa = newAsyncArctic();
    }

    @AfterEach
    final void close() {
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

    private static String nameOf(Object library) {
        return library instanceof VersionStore vs ? vs.libraryName() : ((LibraryRef) library).name();
    }

    @Test
    public void batchWritesThenConcurrentReadsReturnWhatWasWritten() {
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
    public void writesToOneSymbolBecomeVersionsInSubmitOrder() {
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
    public void mixedOperationsThroughTheRegistry() {
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
    public void snapshotsRestoreAndDelete() {
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
    public void aMissingSymbolFailsWithTheStoresException() {
        AsyncRequest r = aa.submit(lib, "read", false, "MISSING");
        assertThatThrownBy(() -> aa.waitRequest(r, LONG)).isInstanceOf(NoDataFoundException.class)
                .hasMessageContaining("MISSING");
        assertThat(aa.filterErrored(List.of(r))).containsExactly(r);
    }

    @Test
    public void aLibraryRefIsResolvedByName() {
        aa.waitRequest(aa.submit(lib, "write", false, "R", frame(0, 3, 1)), LONG);
        try (AsyncArctic byName = newClientByName()) {
            AsyncRequest r = byName.submit(LibraryRef.of(nameOf(lib)), "has_symbol", false, "R");
            assertThat(byName.waitRequest(r, LONG)).isEqualTo(true);
            AsyncRequest missing = byName.submit(LibraryRef.of("no_such_library"), "has_symbol", false, "R");
            assertThatThrownBy(() -> byName.waitRequest(missing, LONG)).isInstanceOf(ArcticException.class)
                    .hasMessageContaining("no_such_library");
        }
    }

    @Test
    public void manyHasSymbolRequestsAcrossSymbolsAllComplete() {
        long before = aa.totalRequests();
        List<AsyncRequest> rs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            rs.add(aa.submit(lib, "has_symbol", false, "SYM" + i));
        }
        assertThat(aa.waitRequests(rs, LONG)).hasSize(100).allMatch(Boolean.FALSE::equals);
        assertThat(aa.totalRequests() - before).isEqualTo(100);
    }
}
