package io.github.arcticasync.store.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandSucceededEvent;
import io.github.arcticasync.store.Arctic;
import io.github.arcticasync.store.DataFrame;
import io.github.arcticasync.store.DateRange;
import io.github.arcticasync.store.ReadOptions;
import io.github.arcticasync.store.VersionStore;
import io.github.arcticasync.testkit.WithMongo;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

/** A date range fetches only the segments its segment_index selects (counted on the wire). */
@WithMongo
class DateRangeSegmentsIT {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void dateRangeFetchesOneOfFourSegments(ConnectionString cs) {
        AtomicInteger segmentDocs = new AtomicInteger();
        String[] segColl = new String[1];
        CommandListener counter = new CommandListener() {
            @Override
            public void commandSucceeded(CommandSucceededEvent e) {
                BsonDocument r = e.getResponse();
                if (segColl[0] != null && r.containsKey("cursor")
                        && r.getDocument("cursor").getString("ns").getValue().equals(segColl[0])) {
                    BsonDocument cur = r.getDocument("cursor");
                    String batch = cur.containsKey("firstBatch") ? "firstBatch" : "nextBatch";
                    segmentDocs.addAndGet(cur.getArray(batch).size());
                }
            }
        };
        try (MongoClient client = MongoClients.create(MongoClientSettings.builder().applyConnectionString(cs)
                .addCommandListener(counter).build())) {
            Arctic arctic = Arctic.connect(client);
            String name = Frames.newLibrary("drs");
            arctic.initializeLibrary(name);
            VersionStore lib = arctic.getLibrary(name);
            // 24-byte rows: 87 297 rows per segment, so 300 000 rows make 4 segments.
            int n = 300_000;
            long[] idx = new long[n];
            double[] px = new double[n];
            long[] qty = new long[n];
            for (int i = 0; i < n; i++) {
                idx[i] = Frames.START + i * SECOND;
                px[i] = i * 0.5;
                qty[i] = i;
            }
            lib.write("big", DataFrame.builder().datetimeIndex(idx).column("px", px).column("qty", qty).build());
            String[] parts = lib.libraryName().split("\\.", 2);
            segColl[0] = parts[0] + "." + parts[1];

            segmentDocs.set(0);
            assertThat(((DataFrame) lib.read("big").data()).rowCount()).isEqualTo(n);
            assertThat(segmentDocs.get()).isEqualTo(4);

            segmentDocs.set(0);
            Instant from = Instant.EPOCH.plusNanos(Frames.START + 100_000 * SECOND);
            DataFrame part = (DataFrame) lib.read("big", ReadOptions.builder()
                    .dateRange(DateRange.of(from, from.plusSeconds(9))).build()).data();
            assertThat(segmentDocs.get()).isEqualTo(1);
            assertThat(part.rowCount()).isEqualTo(10);
            assertThat(part.longColumn("qty")[0]).isEqualTo(100_000L);
        }
    }
}
