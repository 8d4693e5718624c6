package io.github.arcticasync.store.internal.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

/**
 * The collections of one VersionStore library (arctic-format.md §1.6): segments in {@code L}, version documents in
 * {@code L.versions}, counters in {@code L.version_nums}, snapshots in {@code L.snapshots}, metadata in
 * {@code L.ARCTIC}.
 */
record LibraryCollections(LibraryName name, MongoDatabase database, MongoCollection<Document> segments,
                          MongoCollection<Document> versions, MongoCollection<Document> versionNums,
                          MongoCollection<Document> snapshots, MongoCollection<Document> meta) {
    static final String META_SUFFIX = ".ARCTIC";
    static final String META_ID = "ARCTIC_META";

    static LibraryCollections of(MongoClient client, LibraryName name) {
        MongoDatabase db = client.getDatabase(name.database());
        String p = name.prefix();
        return new LibraryCollections(name, db, db.getCollection(p), db.getCollection(p + ".versions"),
                db.getCollection(p + ".version_nums"), db.getCollection(p + ".snapshots"),
                db.getCollection(p + META_SUFFIX));
    }

    /** The library metadata document, or null. */
    Document metaDocument() {
        return meta.find(new Document("_id", META_ID)).first();
    }
}
