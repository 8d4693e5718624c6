package io.github.arcticasync.store.internal.mongo;

import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import io.github.arcticasync.store.ConcurrentModificationException;
import org.bson.Document;

/** The per-symbol version counter in {@code L.version_nums} (arctic-format.md §2.5), bumped atomically. */
final class VersionNumbers {
    private static final Object[] STRIPES = new Object[64];

    static {
        for (int i = 0; i < STRIPES.length; i++) {
            STRIPES[i] = new Object();
        }
    }

    private final LibraryCollections c;

    VersionNumbers(LibraryCollections c) {
        this.c = c;
    }

    /** {@code findAndModify $inc version} returning the new number; {@code upsert} false is append's form. */
    int next(String symbol, boolean upsert) {
        Document d;
        // findAndModify is atomic on mongod; the embedded wire-protocol server used in tests races under
        // concurrency, so one JVM also serialises its own increments per symbol (a single round trip).
        synchronized (STRIPES[Math.floorMod(symbol.hashCode(), STRIPES.length)]) {
            d = inc(symbol, upsert);
        }
        if (d == null) {
            throw new ConcurrentModificationException("symbol " + symbol + " in " + c.name().canonicalName()
                    + " has versions but no version counter; it was modified outside Arctic");
        }
        return BsonInts.toInt(d.get("version"), "version");
    }

    private Document inc(String symbol, boolean upsert) {
        return c.versionNums().findOneAndUpdate(new Document("symbol", symbol),
                new Document("$inc", new Document("version", 1)),
                new FindOneAndUpdateOptions().upsert(upsert).returnDocument(ReturnDocument.AFTER));
    }

    /** The last number handed out, or 0. */
    int current(String symbol) {
        Document d = c.versionNums().find(new Document("symbol", symbol)).first();
        return d == null ? 0 : BsonInts.toInt(d.get("version"), "version");
    }
}
