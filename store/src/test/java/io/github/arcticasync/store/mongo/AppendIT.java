package io.github.arcticasync.store.mongo;

import static io.github.arcticasync.store.mongo.Frames.daily;
import static io.github.arcticasync.store.mongo.Frames.day;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import io.github.arcticasync.store.Arctic;
import io.github.arcticasync.store.DataFrame;
import io.github.arcticasync.store.NoDataFoundException;
import io.github.arcticasync.store.OverlappingDataException;
import io.github.arcticasync.store.ReadOptions;
import io.github.arcticasync.store.UnhandledDtypeException;
import io.github.arcticasync.store.UnorderedDataException;
import io.github.arcticasync.store.VersionStore;
import io.github.arcticasync.testkit.WithMongo;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Appends: cheap uncompressed segments, the 60-append rewrite, dtype promotion, ordering checks. */
@WithMongo
class AppendIT {
    private final MongoClient client;
    private VersionStore lib;

    AppendIT(MongoClient client) {
        this.client = client;
    }

    @BeforeEach
    void setUp() {
        Arctic arctic = Arctic.connect(client);
        String name = Frames.newLibrary("ap");
        arctic.initializeLibrary(name);
        lib = arctic.getLibrary(name);
    }

    private MongoCollection<Document> coll(String suffix) {
        String[] parts = lib.libraryName().split("\\.", 2);
        return client.getDatabase(parts[0]).getCollection(parts[1] + suffix);
    }

    private static DataFrame concat(DataFrame... frames) {
        List<Long> idx = new ArrayList<>();
        List<Double> px = new ArrayList<>();
        List<Long> qty = new ArrayList<>();
        for (DataFrame f : frames) {
            for (int i = 0; i < f.rowCount(); i++) {
                idx.add(f.indexNanos()[i]);
                px.add(f.doubleColumn("px")[i]);
                qty.add(f.longColumn("qty")[i]);
            }
        }
        return DataFrame.builder().datetimeIndex(idx.stream().mapToLong(Long::longValue).toArray())
                .column("px", px.stream().mapToDouble(Double::doubleValue).toArray())
                .column("qty", qty.stream().mapToLong(Long::longValue).toArray()).build();
    }

    @Test
    void cheapAppendWritesUncompressedSegmentUnderBase() {
        lib.write("a", daily(0, 5, 0));
        assertThat(lib.append("a", daily(5, 3, 0)).version()).isEqualTo(2);
        assertThat(lib.read("a").data()).isEqualTo(daily(0, 8, 0));
        assertThat(lib.read("a", ReadOptions.builder().asOf(1).build()).data()).isEqualTo(daily(0, 5, 0));
        Document v1 = coll(".versions").find(new Document("symbol", "a").append("version", 1)).first();
        Document v2 = coll(".versions").find(new Document("symbol", "a").append("version", 2)).first();
        assertThat(v2.keySet()).containsExactly("_id", "arctic_version", "symbol", "metadata", "type",
                "FW_POINTERS_CONFIG", "dtype", "dtype_metadata", "base_sha", "up_to", "segment_count",
                "append_count", "append_size", "base_version_id", "segment_index", "version");
        assertThat(v2.get("append_size")).isEqualTo(72);
        assertThat(v2.getObjectId("base_version_id")).isEqualTo(v1.getObjectId("_id"));
        Document seg = coll("").find(new Document("symbol", "a").append("segment", 7)).first();
        assertThat(seg.getBoolean("compressed")).isFalse();
        assertThat(seg.getList("parent", Object.class)).containsExactly(v1.getObjectId("_id"));
        // from_version reads only what came after version 1
        assertThat(lib.read("a", ReadOptions.builder().fromVersion(1).build()).data()).isEqualTo(daily(5, 3, 0));
    }

    @Test
    void sixtiethAppendRewritesIntoCompressedSegments() {
        lib.write("c", daily(0, 2, 0));
        for (int i = 0; i < 60; i++) {
            lib.append("c", daily(2 + i, 1, 0));
        }
        assertThat(lib.read("c").data()).isEqualTo(daily(0, 62, 0));
        Document last = coll(".versions").find(new Document("symbol", "c").append("version", 61)).first();
        assertThat(last.get("append_count")).isEqualTo(0);
        assertThat(last.containsKey("base_version_id")).isFalse();
        assertThat(coll("").countDocuments(new Document("symbol", "c").append("parent", last.getObjectId("_id"))
                .append("compressed", true))).isEqualTo(last.getInteger("segment_count").longValue());
        for (int v = 1; v <= 61; v++) {
            assertThat(lib.read("c", ReadOptions.builder().asOf(v).build()).data()).isEqualTo(daily(0, v + 1, 0));
        }
    }

    @Test
    void dtypeChangingAppendPromotesAndRewrites() {
        DataFrame ints = DataFrame.builder().datetimeIndex(new long[] {day(0), day(1)})
                .column("x", new long[] {1, 2}).build();
        DataFrame wider = DataFrame.builder().datetimeIndex(new long[] {day(2)})
                .column("x", new double[] {2.5}).column("y", new double[] {9}).build();
        lib.write("p", ints);
        lib.append("p", wider);
        DataFrame back = (DataFrame) lib.read("p").data();
        assertThat(back.dtype("x")).isEqualTo("<f8");
        assertThat(back.doubleColumn("x")).containsExactly(1.0, 2.0, 2.5);
        assertThat(back.doubleColumn("y")[0]).isNaN();
        assertThat(back.doubleColumn("y")[2]).isEqualTo(9.0);
    }

    @Test
    void appendEdgeCases() {
        assertThatThrownBy(() -> lib.append("nope", daily(0, 1, 0), null, true, false))
                .isInstanceOf(NoDataFoundException.class);
        assertThat(lib.append("new", daily(0, 2, 0)).version()).isEqualTo(1);
        assertThat(lib.append("new", daily(2, 0, 0)).version()).isEqualTo(1);
        lib.delete("new");
        lib.append("new", daily(10, 1, 0));
        assertThat(lib.read("new").data()).isEqualTo(daily(10, 1, 0));
    }

    @Test
    void badAppendsLeaveDataUnchanged() {
        DataFrame base = daily(0, 5, 0);
        lib.write("b", base);
        assertThatThrownBy(() -> lib.append("b", daily(3, 2, 0)))
                .isInstanceOf(OverlappingDataException.class).hasMessageContaining("before the last stored row");
        DataFrame unsorted = DataFrame.builder().datetimeIndex(new long[] {day(9), day(8)})
                .column("px", new double[] {1, 2}).column("qty", new long[] {1, 2}).build();
        assertThatThrownBy(() -> lib.append("b", unsorted)).isInstanceOf(UnorderedDataException.class)
                .hasMessageContaining("not sorted");
        DataFrame nat = DataFrame.builder().datetimeIndex(new long[] {Long.MIN_VALUE})
                .column("px", new double[] {1}).column("qty", new long[] {1}).build();
        assertThatThrownBy(() -> lib.append("b", nat)).isInstanceOf(UnorderedDataException.class)
                .hasMessageContaining("NaT");
        DataFrame fewer = DataFrame.builder().datetimeIndex(new long[] {day(9)}).column("px", new double[] {1})
                .build();
        assertThatThrownBy(() -> lib.append("b", fewer)).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> lib.append("b", "text")).isInstanceOf(UnhandledDtypeException.class);
        assertThat(lib.read("b").data()).isEqualTo(base);
        lib.append("b", daily(5, 1, 0));
        assertThat(lib.read("b").data()).isEqualTo(concat(base, daily(5, 1, 0)));
    }
}
