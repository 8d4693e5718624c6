package io.github.arcticasync.store.internal.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import io.github.arcticasync.testkit.WithMongo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;

/**
 * The estimate {@code stats()} falls back to on servers without {@code collStats}: exact counts, sizes from the BSON
 * sizes of a sample. Called directly, because the servers the tests run on implement collStats.
 */
@WithMongo
class LibraryStatsEstimateIT {
    private static final AtomicInteger COLLECTIONS = new AtomicInteger();

    private final MongoClient client;

    LibraryStatsEstimateIT(MongoClient client) {
        this.client = client;
    }

    private MongoCollection<Document> collectionOf(int docs, int payloadBytes) {
        MongoCollection<Document> coll = client.getDatabase("arctic_stats_test")
                .getCollection("c" + COLLECTIONS.incrementAndGet());
        List<Document> batch = new ArrayList<>();
        for (int i = 0; i < docs; i++) {
            batch.add(new Document("_id", i).append("data", new Binary(new byte[payloadBytes + i % 7])));
        }
        if (!batch.isEmpty()) {
            coll.insertMany(batch);
        }
        return coll;
    }

    private static long exactSize(MongoCollection<Document> coll) {
        long bytes = 0;
        for (Document d : coll.find()) {
            bytes += BsonValues.encodedSize(d, "test document");
        }
        return bytes;
    }

    @Test
    void withinTheSampleTheSizeIsExact() {
        MongoCollection<Document> coll = collectionOf(40, 1000);

        Map<String, Object> est = LibraryStats.estimate(coll);

        assertThat(est).containsEntry("count", 40L).containsEntry("estimated", true)
                .containsEntry("size", exactSize(coll)).containsEntry("avgObjSize", exactSize(coll) / 40);
    }

    @Test
    void beyondTheSampleTheSampledAverageIsScaledToTheCount() {
        MongoCollection<Document> coll = collectionOf(350, 500);
        long exact = exactSize(coll);

        Map<String, Object> est = LibraryStats.estimate(coll);

        assertThat(est).containsEntry("count", 350L);
        // Payloads vary by up to 6 bytes around 500, so a 100-document sample lands within about 1% of the truth.
        assertThat(((Number) est.get("size")).doubleValue()).isBetween(exact * 0.99, exact * 1.01);
    }

    @Test
    void anEmptyCollectionIsZeroNotAnError() {
        Map<String, Object> est = LibraryStats.estimate(collectionOf(0, 0));

        assertThat(est).containsEntry("count", 0L).containsEntry("size", 0L).containsEntry("avgObjSize", 0L);
    }
}
