package io.github.arcticasync.store.mongo;

import static io.github.arcticasync.store.mongo.Frames.daily;
import static io.github.arcticasync.store.mongo.Frames.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import io.github.arcticasync.store.Arctic;
import io.github.arcticasync.store.DataFrame;
import io.github.arcticasync.store.DateRange;
import io.github.arcticasync.store.ListSymbolsOptions;
import io.github.arcticasync.store.NdArray;
import io.github.arcticasync.store.NoDataFoundException;
import io.github.arcticasync.store.ReadOptions;
import io.github.arcticasync.store.Series;
import io.github.arcticasync.store.VersionInfo;
import io.github.arcticasync.store.VersionStore;
import io.github.arcticasync.store.VersionedItem;
import io.github.arcticasync.testkit.WithMongo;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Round trips, as_of forms, metadata, listing and the stored document shapes of the VersionStore. */
@WithMongo
class VersionStoreIT {
    private final MongoClient client;
    private Arctic arctic;
    private VersionStore lib;
    private String libName;

    VersionStoreIT(MongoClient client) {
        this.client = client;
    }

    @BeforeEach
    void setUp() {
        arctic = Arctic.connect(client);
        libName = Frames.newLibrary("vs");
        arctic.initializeLibrary(libName);
        lib = arctic.getLibrary(libName);
    }

    private Document versionDoc(String symbol, int version) {
        String[] parts = lib.libraryName().split("\\.", 2);
        return client.getDatabase(parts[0]).getCollection(parts[1] + ".versions")
                .find(new Document("symbol", symbol).append("version", version)).first();
    }

    @Test
    void writesAndReadsEveryType() {
        DataFrame df = daily(0, 5, 1.5);
        VersionedItem w = lib.write("df", df);
        assertThat(w.version()).isEqualTo(1);
        assertThat(w.library()).isEqualTo(lib.libraryName());
        assertThat(lib.read("df").data()).isEqualTo(df);

        Series s = Series.of("px", new long[] {day(0), day(1)}, new double[] {1.0, Double.NaN});
        lib.write("ser", s);
        assertThat(lib.read("ser").data()).isEqualTo(s);

        NdArray nd = NdArray.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2);
        lib.write("nd", nd);
        NdArray back = (NdArray) lib.read("nd").data();
        assertThat(back.shape()).containsExactly(3, 2);
        assertThat((double[]) back.values()).containsExactly(1, 2, 3, 4, 5, 6);

        lib.write("obj", Map.of("a", 1, "b", List.of("x", 2.5)));
        assertThat(lib.read("obj").data()).isEqualTo(Map.of("a", 1, "b", List.of("x", 2.5)));

        lib.write("none", null);
        assertThat(lib.read("none").data()).isNull();
        assertThat(lib.listSymbols()).containsExactly("df", "nd", "none", "obj", "ser");
    }

    @Test
    void versionDocumentHasArcticShape() {
        lib.write("df", daily(0, 3, 1.5));
        Document v = versionDoc("df", 1);
        assertThat(v.keySet()).containsExactly("_id", "arctic_version", "symbol", "version", "metadata", "dtype",
                "shape", "dtype_metadata", "type", "up_to", "sha", "FW_POINTERS_CONFIG", "base_sha", "segment_index",
                "segment_count", "append_size", "append_count");
        assertThat(v.get("arctic_version")).isEqualTo(1083001);
        assertThat(v.get("up_to")).isInstanceOf(Integer.class).isEqualTo(3);
        assertThat(v.getString("dtype")).isEqualTo("[('index', '<M8[ns]'), ('px', '<f8'), ('qty', '<i8')]");
        assertThat(v.get("sha", Binary.class).getData()).hasSize(20);
        assertThat(v.get("sha")).isEqualTo(v.get("base_sha"));
        assertThat(v.getString("FW_POINTERS_CONFIG")).isEqualTo("DISABLED");
    }

    /**
     * Arctic's {@code _do_write} passes an empty segment list to {@code PandasStore._segment_index}, which still
     * returns {@code Binary(compress(b''))} for a datetime index, a truthy value, so the field is stored: the LZ4 block
     * of nothing ({@code 00000000 00}), beside {@code segment_count: 0} and no segments.
     */
    @Test
    void anEmptyDatetimeFrameStoresTheEmptySegmentIndexAsArcticDoes() {
        DataFrame empty = DataFrame.builder().datetimeIndex(new long[0]).column("px", new double[0]).build();
        lib.write("empty", empty);
        Document v = versionDoc("empty", 1);
        assertThat(v.get("segment_count")).isEqualTo(0);
        assertThat(v.get("up_to")).isEqualTo(0);
        assertThat(v.get("segment_index", Binary.class).getData()).containsExactly(0, 0, 0, 0, 0);
        DataFrame back = (DataFrame) lib.read("empty").data();
        assertThat(back.rowCount()).isZero();
        assertThat(back.columnNames()).containsExactly("px");
        assertThat(((DataFrame) lib.read("empty", ReadOptions.builder().dateRange(DateRange.of(Instant.EPOCH,
                null)).build()).data()).rowCount()).isZero();
    }

    @Test
    void asOfVersionSnapshotAndTime() throws Exception {
        lib.write("s", daily(0, 3, 1));
        Instant afterV1 = Instant.now();
        Thread.sleep(1100);
        lib.write("s", daily(0, 4, 2));
        lib.snapshot("snap");
        lib.write("s", daily(0, 5, 3));
        assertThat(lib.read("s", ReadOptions.builder().asOf(1).build()).data()).isEqualTo(daily(0, 3, 1));
        assertThat(lib.read("s", ReadOptions.builder().asOf("snap").build()).version()).isEqualTo(2);
        assertThat(lib.read("s", ReadOptions.builder().asOf(afterV1).build()).version()).isEqualTo(1);
        assertThat(lib.read("s").version()).isEqualTo(3);
        assertThatThrownBy(() -> lib.read("s", ReadOptions.builder().asOf(Instant.parse("2001-01-01T00:00:00Z"))
                .build())).isInstanceOf(NoDataFoundException.class)
                .hasMessage("No data found for s in library " + lib.libraryName());
        assertThatThrownBy(() -> lib.read("s", ReadOptions.builder().asOf(9).build()))
                .isInstanceOf(NoDataFoundException.class);
        assertThatThrownBy(() -> lib.read("s", ReadOptions.builder().asOf("nosnap").build()))
                .isInstanceOf(NoDataFoundException.class);
        assertThatThrownBy(() -> lib.read("missing")).isInstanceOf(NoDataFoundException.class)
                .hasMessageContaining("missing");
    }

    @Test
    void metadataRoundTripsAndWriteMetadataSharesData() {
        DataFrame df = daily(0, 4, 7);
        lib.write("m", df, Map.of("source", "feed", "n", 1));
        assertThat(lib.readMetadata("m").metadata()).isEqualTo(Map.of("source", "feed", "n", 1));
        assertThat(lib.readMetadata("m").data()).isNull();
        VersionedItem w = lib.writeMetadata("m", Map.of("source", "updated"));
        assertThat(w.version()).isEqualTo(2);
        VersionedItem r = lib.read("m");
        assertThat(r.data()).isEqualTo(df);
        assertThat(r.metadata()).isEqualTo(Map.of("source", "updated"));
        Document v2 = versionDoc("m", 2);
        assertThat(v2.getObjectId("base_version_id")).isEqualTo(versionDoc("m", 1).getObjectId("_id"));
        // write_metadata on a new symbol writes a data-less version
        lib.writeMetadata("fresh", Map.of("k", 1));
        assertThat(lib.read("fresh").data()).isNull();
        assertThat(lib.read("fresh").metadata()).isEqualTo(Map.of("k", 1));
    }

    @Test
    void dateRangeReadsOnlyNeededSegmentsAndFiltersRows() {
        DataFrame df = daily(0, 10, 0);
        lib.write("dr", df);
        DateRange range = DateRange.of(Instant.ofEpochSecond(0).plusNanos(day(3)),
                Instant.ofEpochSecond(0).plusNanos(day(5)));
        DataFrame part = (DataFrame) lib.read("dr", ReadOptions.builder().dateRange(range).build()).data();
        assertThat(part).isEqualTo(daily(3, 3, 0));
        DataFrame none = (DataFrame) lib.read("dr", ReadOptions.builder().dateRange(
                DateRange.of(Instant.ofEpochSecond(0).plusNanos(day(30)), null)).build()).data();
        assertThat(none.rowCount()).isZero();
    }

    @Test
    void listVersionsAndDeleteWithSnapshot() {
        lib.write("a", daily(0, 2, 1));
        lib.write("a", daily(0, 3, 1));
        lib.write("b", daily(0, 2, 1));
        lib.snapshot("s1", Map.of("why", "test"));
        lib.delete("a");
        assertThat(lib.hasSymbol("a")).isFalse();
        assertThat(lib.hasSymbol("a", ReadOptions.builder().asOf(2).build())).isTrue();
        assertThat(lib.listSymbols()).containsExactly("b");
        assertThat(lib.listSymbols(ListSymbolsOptions.builder().allSymbols(true).build())).containsExactly("a", "b");
        assertThat(lib.listSymbols(ListSymbolsOptions.builder().snapshot("s1").build())).containsExactly("a", "b");
        List<VersionInfo> versions = lib.listVersions("a");
        assertThat(versions).extracting(VersionInfo::version).containsExactly(3, 2);
        assertThat(versions.get(0).deleted()).isTrue();
        assertThat(versions.get(1).snapshots()).containsExactly("s1");
        assertThat(lib.read("a", ReadOptions.builder().asOf("s1").build()).data()).isEqualTo(daily(0, 3, 1));
        assertThat(lib.listSnapshots()).isEqualTo(Map.of("s1", Map.of("why", "test")));
        lib.deleteSnapshot("s1");
        assertThat(lib.listSnapshots()).isEmpty();
        lib.write("a", daily(0, 1, 9));
        assertThat(lib.listSymbols()).containsExactly("a", "b");
        assertThat(lib.read("a").version()).isEqualTo(4);
    }

    @Test
    void deleteWithoutSnapshotRemovesEverything() {
        lib.write("gone", daily(0, 3, 1));
        lib.delete("gone");
        assertThat(lib.listVersions("gone")).isEmpty();
        String[] parts = lib.libraryName().split("\\.", 2);
        assertThat(client.getDatabase(parts[0]).getCollection(parts[1])
                .countDocuments(new Document("symbol", "gone"))).isZero();
    }

    @Test
    void listSymbolsByRegexAndMetadata() {
        lib.write("AAPL", daily(0, 1, 1), Map.of("n", 3, "sector", "tech"));
        lib.write("AMZN", daily(0, 1, 1), Map.of("n", 7, "sector", "retail"));
        lib.write("IBM", daily(0, 1, 1), Map.of("n", 9, "sector", "tech"));
        assertThat(lib.listSymbols("^A")).containsExactly("AAPL", "AMZN");
        assertThat(lib.listSymbols(ListSymbolsOptions.builder().metadata("sector", "tech").build()))
                .containsExactly("AAPL", "IBM");
        assertThat(lib.listSymbols(ListSymbolsOptions.builder().metadata("n", Map.of("$gt", 5)).build()))
                .containsExactly("AMZN", "IBM");
    }

    @Test
    void snapshotsPinVersionsAndRejectDuplicates() {
        lib.write("x", daily(0, 1, 1));
        lib.write("x", daily(0, 2, 1));
        lib.write("y", daily(0, 1, 1));
        lib.snapshot("pinned", null, null, Map.of("x", 1));
        assertThat(lib.read("x", ReadOptions.builder().asOf("pinned").build()).version()).isEqualTo(1);
        assertThatThrownBy(() -> lib.read("y", ReadOptions.builder().asOf("pinned").build()))
                .isInstanceOf(NoDataFoundException.class);
        lib.snapshot("skip", null, List.of("y"), null);
        assertThat(lib.listSymbols(ListSymbolsOptions.builder().snapshot("skip").build())).containsExactly("x");
        assertThatThrownBy(() -> lib.snapshot("skip"))
                .isInstanceOf(io.github.arcticasync.store.DuplicateSnapshotException.class)
                .hasMessage("Snapshot 'skip' already exists.");
        assertThatThrownBy(() -> lib.deleteSnapshot("nope")).isInstanceOf(NoDataFoundException.class);
    }

    @Test
    void restoreVersionWritesOldDataAsNewVersion() {
        lib.write("r", daily(0, 2, 1), Map.of("v", 1));
        lib.write("r", daily(0, 3, 2), Map.of("v", 2));
        VersionedItem restored = lib.restoreVersion("r", 1);
        assertThat(restored.version()).isEqualTo(3);
        assertThat(lib.read("r").data()).isEqualTo(daily(0, 2, 1));
        assertThat(lib.read("r").metadata()).isEqualTo(Map.of("v", 1));
        assertThat(lib.restoreVersion("r", 3).version()).isEqualTo(3);
        assertThatThrownBy(() -> lib.restoreVersion("r", 17)).isInstanceOf(NoDataFoundException.class);
    }

    @Test
    void getInfoShapes() {
        lib.write("ser", Series.of("values", new long[] {day(0), day(1), day(2)}, new long[] {1, 2, 3}));
        Map<String, Object> info = lib.getInfo("ser");
        assertThat(info).containsEntry("type", "pandasseries").containsEntry("handler", "PandasSeriesStore")
                .containsEntry("rows", 3L).containsEntry("size", 48L).containsEntry("segment_count", 1L);
        assertThat(info.get("dtype")).isEqualTo(List.of(List.of("index", "<M8[ns]"), List.of("values", "<i8")));
        lib.write("obj", Map.of("a", 1));
        assertThat(lib.getInfo("obj")).isEqualTo(Map.of("type", "blob", "handler", "PickleStore"));
    }

    @Test
    void statsReportTotals() {
        lib.write("st", daily(0, 10, 1));
        Map<String, Object> stats = lib.stats();
        @SuppressWarnings("unchecked")
        Map<String, Object> totals = (Map<String, Object>) stats.get("totals");
        assertThat(((Number) totals.get("count")).longValue()).isEqualTo(1);
        assertThat(((Number) totals.get("size")).longValue()).isPositive();
    }
}
