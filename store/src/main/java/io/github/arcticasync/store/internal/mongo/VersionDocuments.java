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

    /**
     * The fields {@link #resolve} needs to tell that a version exists and is not deleted (plus {@code _id}): a caller
     * that wants no more, such as has_symbol, need not fetch segment indexes and user metadata.
     */
    static final Document EXISTENCE = new Document("metadata.deleted", 1).append("deleted", 1);

    Document latest(String symbol) {
        return latest(symbol, null);
    }

    private Document latest(String symbol, Document projection) {
        return c.versions().find(new Document("symbol", symbol)).projection(projection)
                .sort(Sorts.descending("version")).first();
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
        return resolve(symbol, options, null);
    }

    /** As {@link #resolve(String, ReadOptions)}, fetching only the fields of {@code projection} (null: all). */
    Document resolve(String symbol, ReadOptions options, Document projection) {
        Document found;
        if (options == null || options.isLatest()) {
            found = latest(symbol, projection);
        } else if (options.asOfVersion() != null) {
            found = c.versions().find(new Document("symbol", symbol).append("version", options.asOfVersion()))
                    .projection(projection).first();
        } else if (options.asOfSnapshot() != null) {
            Document snap = snapshots.find(options.asOfSnapshot());
            if (snap == null) {
                throw new NoDataFoundException("No data found for " + symbol + " in library "
                        + c.name().canonicalName() + ": no snapshot named " + options.asOfSnapshot());
            }
            found = c.versions().find(new Document("symbol", symbol).append("parent", snap.getObjectId("_id")))
                    .projection(projection).first();
        } else {
            Instant t = options.asOfTime();
            // The highest version created at or before the second of as_of (ObjectIds hold whole seconds).
            found = c.versions().find(new Document("symbol", symbol)
                            .append("_id", new Document("$lt", ObjectIds.fromSeconds(t.getEpochSecond() + 1))))
                    .projection(projection)
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
