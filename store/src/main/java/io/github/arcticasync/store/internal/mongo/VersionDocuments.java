package io.github.arcticasync.store.internal.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.model.Sorts;
import io.github.arcticasync.store.NoDataFoundException;
import io.github.arcticasync.store.ReadOptions;
import java.time.Instant;
import org.bson.Document;

/** Finds version documents: the latest, the one before a number, and {@code as_of} resolution (§4.1). */
final class VersionDocuments {
    private final LibraryCollections c;
    private final Snapshots snapshots;

    VersionDocuments(LibraryCollections c, Snapshots snapshots) {
        this.c = c;
        this.snapshots = snapshots;
    }

    Document latest(String symbol) {
        return c.versions().find(new Document("symbol", symbol)).sort(Sorts.descending("version")).first();
    }

    Document before(String symbol, int version) {
        return c.versions().find(new Document("symbol", symbol)
                        .append("version", new Document("$lt", version)))
                .sort(Sorts.descending("version")).first();
    }

    NoDataFoundException noData(String symbol) {
        return new NoDataFoundException("No data found for " + symbol + " in library " + c.name().canonicalName());
    }

    /** Resolves {@code options}' as_of; missing or deleted → NoDataFoundException, as Arctic's _read_metadata. */
    Document resolve(String symbol, ReadOptions options) {
        Document found;
        if (options == null || options.isLatest()) {
            found = latest(symbol);
        } else if (options.asOfVersion() != null) {
            found = c.versions().find(new Document("symbol", symbol).append("version", options.asOfVersion()))
                    .first();
        } else if (options.asOfSnapshot() != null) {
            Document snap = snapshots.find(options.asOfSnapshot());
            if (snap == null) {
                throw new NoDataFoundException("No data found for " + symbol + " in library "
                        + c.name().canonicalName() + ": no snapshot named " + options.asOfSnapshot());
            }
            found = c.versions().find(new Document("symbol", symbol).append("parent", snap.getObjectId("_id")))
                    .first();
        } else {
            Instant t = options.asOfTime();
            // The highest version created at or before the second of as_of (ObjectIds hold whole seconds).
            found = c.versions().find(new Document("symbol", symbol)
                            .append("_id", new Document("$lt", ObjectIds.fromSeconds(t.getEpochSecond() + 1))))
                    .sort(Sorts.orderBy(Sorts.descending("symbol"), Sorts.descending("version"))).first();
        }
        if (found == null || isDeleted(found) || found.containsKey("deleted")) {
            throw noData(symbol);
        }
        return found;
    }

    static boolean isDeleted(Document version) {
        Object md = version.get("metadata");
        return md instanceof Document d && Boolean.TRUE.equals(d.get("deleted"));
    }

    /** Inserts a new version; a taken number is a {@link VersionClash} so callers can retry. */
    void insert(Document version) {
        try {
            c.versions().insertOne(version);
        } catch (MongoException e) {
            if (MongoErrors.isDuplicateKey(e)) {
                throw new VersionClash("version " + version.get("version") + " of " + version.get("symbol") + " in "
                        + c.name().canonicalName() + " was taken by a concurrent writer", e);
            }
            throw e;
        }
    }
}
