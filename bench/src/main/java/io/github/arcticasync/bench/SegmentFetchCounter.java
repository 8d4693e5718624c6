package io.github.arcticasync.bench;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandSucceededEvent;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.BsonArray;
import org.bson.BsonDocument;

/**
 * Counts the documents the server returned from one collection, by reading the batches of {@code find} and
 * {@code getMore} replies as the driver sees them. This measures what a read really fetched over the wire, whatever
 * query the store chose to send.
 */
final class SegmentFetchCounter implements CommandListener {

    private final AtomicLong documents = new AtomicLong();
    private final AtomicLong replies = new AtomicLong();
    private volatile String namespace = "";

    /** Counts only replies whose cursor namespace is {@code database.collection}. */
    void watch(String database, String collection) {
        Objects.requireNonNull(database, "database must not be null");
        Objects.requireNonNull(collection, "collection must not be null");
        namespace = database + "." + collection;
    }

    void reset() {
        documents.set(0);
        replies.set(0);
    }

    long documents() {
        return documents.get();
    }

    long replies() {
        return replies.get();
    }

    @Override
    public void commandSucceeded(CommandSucceededEvent event) {
        String name = event.getCommandName();
        if (!"find".equals(name) && !"getMore".equals(name)) {
            return;
        }
        BsonDocument response = event.getResponse();
        BsonDocument cursor = response.getDocument("cursor", null);
        if (cursor == null || !namespace.equals(cursor.getString("ns").getValue())) {
            return;
        }
        BsonArray batch = cursor.containsKey("firstBatch") ? cursor.getArray("firstBatch") : cursor.getArray("nextBatch");
        replies.incrementAndGet();
        documents.addAndGet(batch.size());
    }
}
