package io.github.arcticasync.store.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import io.github.arcticasync.store.Arctic;
import io.github.arcticasync.store.DataFrame;
import io.github.arcticasync.store.DateRange;
import io.github.arcticasync.store.ReadOptions;
import io.github.arcticasync.store.VersionStore;
import io.github.arcticasync.testkit.WithMongo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/**
 * Versions written by a Python Arctic that ran with forward pointers (arctic-format.md §2.13) read back: ENABLED
 * versions find their segments by {@code SEGMENT_SHAS}, not by parent; HYBRID versions are read through parents, as
 * a DISABLED reader does. Python writes these only when configured to, so the documents are shaped here by hand
 * from a normal write.
 */
@WithMongo
class ForwardPointersIT {
    private static final int ROWS = 200_000; // 24-byte rows: 3 segments
    private static final long MINUTE = 60_000_000_000L;

    private record Library(VersionStore store, MongoCollection<Document> segments,
                           MongoCollection<Document> versions) {
    }

    private static Library library(MongoClient client) {
        Arctic arctic = Arctic.connect(client);
        String name = Frames.newLibrary("fwp");
        arctic.initializeLibrary(name);
        VersionStore lib = arctic.getLibrary(name);
        String[] parts = lib.libraryName().split("\\.", 2);
        return new Library(lib, client.getDatabase(parts[0]).getCollection(parts[1]),
                client.getDatabase(parts[0]).getCollection(parts[1] + ".versions"));
    }

    /** {@code ROWS} rows one minute apart (daily rows would overflow int64 nanoseconds). */
    private static DataFrame minutes(double seed) {
        long[] idx = new long[ROWS];
        double[] px = new double[ROWS];
        long[] qty = new long[ROWS];
        for (int i = 0; i < ROWS; i++) {
            idx[i] = Frames.START + i * MINUTE;
            px[i] = seed + i;
            qty[i] = i;
        }
        return DataFrame.builder().datetimeIndex(idx).column("px", px).column("qty", qty).build();
    }

    private static List<Object> shasOf(MongoCollection<Document> segments, String symbol) {
        List<Object> shas = new ArrayList<>();
        for (Document d : segments.find(Filters.eq("symbol", symbol)).sort(new Document("segment", 1))) {
            shas.add(d.get("sha"));
        }
        return shas;
    }

    @Test
    void anEnabledVersionReadsItsSegmentsBySha(MongoClient client) {
        Library lib = library(client);
        DataFrame frame = minutes(1.0);
        lib.store().write("FW", frame);
        List<Object> shas = shasOf(lib.segments(), "FW");
        assertThat(shas).hasSize(3);
        lib.versions().updateOne(Filters.eq("symbol", "FW"), Updates.combine(
                Updates.set("FW_POINTERS_CONFIG", "ENABLED"), Updates.set("SEGMENT_SHAS", shas)));
        // Parent pointers now name a version that does not exist: only the shas can find the segments.
        lib.segments().updateMany(Filters.eq("symbol", "FW"), Updates.set("parent", List.of(new ObjectId())));

        assertThat(lib.store().read("FW").data()).isEqualTo(frame);
        long from = Frames.START + 100_000 * MINUTE;
        DateRange days = DateRange.of(Instant.ofEpochSecond(from / 1_000_000_000L),
                Instant.ofEpochSecond((from + 9 * MINUTE) / 1_000_000_000L));
        DataFrame part = (DataFrame) lib.store().read("FW", ReadOptions.builder().dateRange(days).build()).data();
        assertThat(part).isEqualTo(frame.slice(days));
        assertThat(part.rowCount()).isEqualTo(10);
    }

    @Test
    void aHybridVersionIsReadThroughItsParentsByADisabledReader(MongoClient client) {
        Library lib = library(client);
        DataFrame frame = minutes(2.0);
        lib.store().write("HY", frame);
        List<Object> shas = shasOf(lib.segments(), "HY");
        // SEGMENT_SHAS that name no segment: a reader that followed them would find nothing.
        List<Object> wrong = new ArrayList<>();
        for (int i = 0; i < shas.size(); i++) {
            wrong.add(new org.bson.types.Binary(new byte[20]));
        }
        lib.versions().updateOne(Filters.eq("symbol", "HY"), Updates.combine(
                Updates.set("FW_POINTERS_CONFIG", "HYBRID"), Updates.set("SEGMENT_SHAS", wrong)));

        assertThat(lib.store().read("HY").data()).isEqualTo(frame);
    }
}
