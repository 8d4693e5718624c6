package io.github.arcticasync.store.internal.mongo;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import io.github.arcticasync.store.ConcurrentModificationException;
import org.bson.Document;

/** The per-symbol version counter in {@code L.version_nums} (arctic-format.md §2.5), bumped atomically. */
final class VersionNumbers {
    private final LibraryCollections c;

    VersionNumbers(LibraryCollections c) {
        this.c = c;
    }

    /** {@code findAndModify $inc version} returning the new number; {@code upsert} false is append's form. */
    int next(String symbol, boolean upsert) {
        Document d = c.versionNums().findOneAndUpdate(new Document("symbol", symbol),
                new Document("$inc", new Document("version", 1)),
                new FindOneAndUpdateOptions().upsert(upsert).returnDocument(ReturnDocument.AFTER));
        if (d == null) {
            throw new ConcurrentModificationException("symbol " + symbol + " in " + c.name().canonicalName()
                    + " has versions but no version counter; it was modified outside Arctic");
        }
        return BsonInts.toInt(d.get("version"), "version");
    }

    /** The last number handed out, or 0. */
    int current(String symbol) {
        Document d = c.versionNums().find(new Document("symbol", symbol)).first();
        return d == null ? 0 : BsonInts.toInt(d.get("version"), "version");
    }
}
