package io.github.arcticasync.store.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.arcticasync.store.Arctic;
import io.github.arcticasync.store.ListSymbolsOptions;
import io.github.arcticasync.store.NoDataFoundException;
import io.github.arcticasync.store.ReadOptions;
import io.github.arcticasync.store.VersionInfo;
import io.github.arcticasync.store.VersionStore;
import io.github.arcticasync.store.VersionedItem;
import io.github.arcticasync.testkit.MongoServer;
import io.github.arcticasync.testkit.WithMongo;
import com.mongodb.client.MongoClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.bson.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reads documents written by real Python Arctic through the Java store and checks every answer against what Arctic
 * itself read back ({@code <case>.expected.json}): symbols, snapshots, every version's data and dtypes, metadata,
 * version lists with their snapshots and dates, and reads as of each snapshot.
 *
 * <p>One contract, two backends: {@link GoldenReadIT} (embedded server) and {@link GoldenReadContainerIT}
 * (mongo:7 where Docker runs).
 */
@WithMongo
abstract class GoldenReadContract {

    static Stream<String> cases() {
        return GoldenVectors.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void javaReadsWhatPythonArcticWrote(String caseName, MongoServer server) {
        Document expected = GoldenVectors.expected(caseName);
        Mismatches m = new Mismatches(caseName);
        try (MongoClient client = server.newClient()) {
            GoldenLoader.wipe(client);
            GoldenLoader.load(client, GoldenVectors.goldenDump(caseName));
            try (Arctic arctic = Arctic.connect(client)) {
                VersionStore lib = arctic.getLibrary(expected.getString("library"));
                checkLibrary(m, lib, expected);
            }
        }
        assertThat(m.all()).as(m.report()).isEmpty();
    }

    private static void checkLibrary(Mismatches m, VersionStore lib, Document expected) {
        attempt(m, "list_symbols", () -> {
            m.check("list_symbols", expected.getList("list_symbols", String.class), lib.listSymbols());
            return null;
        });
        Document snapshots = expected.get("snapshots", Document.class);
        attempt(m, "list_snapshots", () -> {
            Map<String, Object> expectedSnapshots = new TreeMap<>();
            snapshots.forEach((name, snap) -> expectedSnapshots.put(name,
                    ExpectedData.normalise(orEmpty(((Document) snap).get("metadata", Document.class)))));
            m.check("list_snapshots", expectedSnapshots, ExpectedData.normalise(lib.listSnapshots()));
            return null;
        });
        for (String snapshot : snapshots.keySet()) {
            Document snap = snapshots.get(snapshot, Document.class);
            attempt(m, "list_symbols(snapshot=" + snapshot + ")", () -> {
                m.check("list_symbols(snapshot=" + snapshot + ")", snap.getList("list_symbols", String.class),
                        lib.listSymbols(ListSymbolsOptions.builder().snapshot(snapshot).build()));
                return null;
            });
            Document items = snap.get("items", Document.class);
            for (String symbol : items.keySet()) {
                String where = "read(" + symbol + ", as_of=" + snapshot + ")";
                checkRead(m, where, items.get(symbol, Document.class),
                        () -> lib.read(symbol, ReadOptions.builder().asOf(snapshot).build()));
            }
        }
        Document symbols = expected.get("symbols", Document.class);
        for (String symbol : symbols.keySet()) {
            checkSymbol(m, lib, symbol, symbols.get(symbol, Document.class));
        }
    }

    private static void checkSymbol(Mismatches m, VersionStore lib, String symbol, Document expected) {
        attempt(m, "has_symbol(" + symbol + ")", () -> {
            m.check("has_symbol(" + symbol + ")", expected.getBoolean("has_symbol"), lib.hasSymbol(symbol));
            return null;
        });
        checkRead(m, "read(" + symbol + ")", expected.get("latest", Document.class), () -> lib.read(symbol));
        Object readMetadata = expected.get("read_metadata");
        String where = "read_metadata(" + symbol + ")";
        if (readMetadata instanceof Document error && error.containsKey("error")) {
            expectError(m, where, error, () -> lib.readMetadata(symbol));
        } else {
            attempt(m, where, () -> {
                VersionedItem item = lib.readMetadata(symbol);
                m.check(where + ".metadata", ExpectedData.normalise(orEmpty((Document) readMetadata)),
                        ExpectedData.normalise(item.metadata()));
                m.check(where + ".data", null, item.data());
                return null;
            });
        }
        attempt(m, "list_versions(" + symbol + ")", () -> {
            List<String> expectedVersions = new ArrayList<>();
            for (Document v : expected.getList("list_versions", Document.class)) {
                expectedVersions.add(symbol + " v" + v.getInteger("version") + " deleted=" + v.getBoolean("deleted")
                        + " snapshots=" + v.getList("snapshots", String.class) + " date_ms="
                        + ((Number) v.get("date_ms")).longValue());
            }
            List<String> actualVersions = new ArrayList<>();
            for (VersionInfo v : lib.listVersions(symbol)) {
                // Arctic's date is the ObjectId's timestamp: whole seconds.
                actualVersions.add(v.symbol() + " v" + v.version() + " deleted=" + v.deleted() + " snapshots="
                        + v.snapshots() + " date_ms=" + v.createdAt().toEpochMilli());
            }
            m.check("list_versions(" + symbol + ")", expectedVersions, actualVersions);
            return null;
        });
        Document versions = expected.get("versions", Document.class);
        for (String version : versions.keySet()) {
            checkRead(m, "read(" + symbol + ", as_of=" + version + ")", versions.get(version, Document.class),
                    () -> lib.read(symbol, ReadOptions.builder().asOf(Integer.parseInt(version)).build()));
        }
    }

    private static void checkRead(Mismatches m, String where, Document expected, Supplier<VersionedItem> read) {
        if (expected.containsKey("error")) {
            expectError(m, where, expected, read::get);
            return;
        }
        attempt(m, where, () -> {
            VersionedItem item = read.get();
            m.check(where + ".version", expected.getInteger("version"), item.version());
            m.check(where + ".metadata", ExpectedData.normalise(orEmpty(expected.get("metadata", Document.class))),
                    ExpectedData.normalise(item.metadata()));
            ExpectedData.compare(m, where + ".data", expected.get("data", Document.class), item.data());
            return null;
        });
    }

    private static void expectError(Mismatches m, String where, Document error, Supplier<?> call) {
        if (!"NoDataFoundException".equals(error.getString("error"))) {
            m.add(where, "vectors expect an error this test does not map: " + error.getString("error"));
            return;
        }
        try {
            Object result = call.get();
            m.add(where, "expected NoDataFoundException (" + error.getString("message") + "), actual "
                    + Mismatches.describe(result));
        } catch (NoDataFoundException expectedException) {
            // As Python Arctic: the symbol's latest version is a delete marker.
        } catch (RuntimeException e) {
            m.threw(where + " (expected NoDataFoundException)", e);
        }
    }

    private static void attempt(Mismatches m, String where, Supplier<Void> check) {
        try {
            check.get();
        } catch (RuntimeException | AssertionError e) {
            m.threw(where, e);
        }
    }

    private static Map<String, Object> orEmpty(Document metadata) {
        return metadata == null ? Map.of() : metadata;
    }
}
