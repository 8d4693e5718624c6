package io.github.arcticasync.store.internal.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Arctic's cluster-wide {@code list_libraries} cache in {@code meta_db.cache} (arctic-format.md §1.2). Errors are
 * swallowed, as Python does: the cache is an optimisation, the slow path is the truth.
 */
final class LibraryCache {
    private static final Logger LOG = LoggerFactory.getLogger(LibraryCache.class);
    private static final String KEY = "list_libraries";
    private static final long DEFAULT_EXPIRY_SECS = 3600;

    private final MongoDatabase metaDb;
    private final Clock clock;

    LibraryCache(MongoClient client, Clock clock) {
        this.metaDb = client.getDatabase("meta_db");
        this.clock = clock;
    }

    private MongoCollection<Document> cache() {
        return metaDb.getCollection("cache");
    }

    private Document settings() {
        try {
            return metaDb.getCollection("settings").find(new Document("type", "cache")).first();
        } catch (MongoException e) {
            return null;
        }
    }

    boolean enabled() {
        if (System.getenv("ARCTIC_DISABLE_CACHE") != null) {
            return false;
        }
        Document s = settings();
        return s == null || !Boolean.FALSE.equals(s.get("enabled"));
    }

    private long expirySecs() {
        Document s = settings();
        return s != null && s.get("cache_expiry") instanceof Number n ? n.longValue() : DEFAULT_EXPIRY_SECS;
    }

    /** The cached names if fresh, else null. */
    List<String> fresh() {
        if (!enabled()) {
            return null;
        }
        try {
            Document d = cache().find(new Document("type", KEY)).first();
            if (d == null || !(d.get("date") instanceof Date date) || !(d.get("data") instanceof List<?> data)) {
                return null;
            }
            if (clock.millis() >= date.getTime() + expirySecs() * 1000) {
                return null;
            }
            List<String> out = new ArrayList<>();
            for (Object o : data) {
                out.add(String.valueOf(o));
            }
            return out;
        } catch (MongoException e) {
            LOG.debug("list_libraries cache unreadable: {}", e.getMessage());
            return null;
        }
    }

    void store(List<String> names) {
        if (!enabled()) {
            return;
        }
        try {
            cache().updateOne(new Document("type", KEY), new Document("$set", new Document("type", KEY)
                    .append("data", names).append("date", new Date(clock.millis()))), new UpdateOptions().upsert(true));
        } catch (MongoException e) {
            LOG.debug("list_libraries cache not updated: {}", e.getMessage());
        }
    }

    /** Python's {@code initialize_library} cache step: create the TTL'd collection if missing, then $addToSet. */
    void add(String name) {
        try {
            boolean exists = false;
            for (String n : metaDb.listCollectionNames()) {
                if ("cache".equals(n)) {
                    exists = true;
                    break;
                }
            }
            if (!exists) {
                metaDb.createCollection("cache");
                cache().createIndex(Indexes.ascending("date"),
                        new IndexOptions().expireAfter(DEFAULT_EXPIRY_SECS, TimeUnit.SECONDS));
            }
            cache().updateOne(new Document("type", KEY), new Document("$addToSet", new Document("data", name))
                            .append("$setOnInsert", new Document("type", KEY).append("date", new Date(clock.millis()))),
                    new UpdateOptions().upsert(true));
        } catch (MongoException e) {
            LOG.debug("list_libraries cache not updated: {}", e.getMessage());
        }
    }

    void remove(String name) {
        try {
            cache().updateOne(new Document("type", KEY), new Document("$pull", new Document("data", name)));
        } catch (MongoException e) {
            LOG.debug("list_libraries cache not updated: {}", e.getMessage());
        }
    }
}
