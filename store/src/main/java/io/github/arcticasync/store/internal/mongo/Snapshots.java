package io.github.arcticasync.store.internal.mongo;

import com.mongodb.MongoException;
import io.github.arcticasync.store.DuplicateSnapshotException;
import io.github.arcticasync.store.NoDataFoundException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * Snapshot documents (arctic-format.md §2.6, §4.8): a snapshot is an id added to the {@code parent} array of the
 * version documents it holds; its document is inserted last.
 */
final class Snapshots {
    private final LibraryCollections c;

    Snapshots(LibraryCollections c) {
        this.c = c;
    }

    Document find(String name) {
        return c.snapshots().find(new Document("name", name)).first();
    }

    void requireAbsent(String name) {
        if (find(name) != null) {
            throw new DuplicateSnapshotException("Snapshot '" + name + "' already exists.");
        }
    }

    /** Adds {@code snapId} to each version, then inserts the snapshot document. */
    void create(ObjectId snapId, String name, Document metadata, List<ObjectId> versionIds) {
        for (ObjectId v : versionIds) {
            c.versions().updateOne(new Document("_id", v),
                    new Document("$addToSet", new Document("parent", snapId)));
        }
        try {
            c.snapshots().insertOne(new Document("_id", snapId).append("name", name).append("metadata", metadata));
        } catch (MongoException e) {
            // Do not leave versions pinned by a snapshot that does not exist.
            c.versions().updateMany(new Document("parent", snapId),
                    new Document("$pull", new Document("parent", snapId)));
            if (MongoErrors.isDuplicateKey(e)) {
                throw new DuplicateSnapshotException("Snapshot '" + name + "' already exists.", e);
            }
            throw e;
        }
    }

    void delete(String name) {
        Document snap = find(name);
        if (snap == null) {
            throw new NoDataFoundException("Snapshot " + name + " not found!");
        }
        ObjectId id = snap.getObjectId("_id");
        c.versions().updateMany(new Document("parent", id), new Document("$pull", new Document("parent", id)));
        c.snapshots().deleteOne(new Document("name", name));
    }

    /** Snapshot id → name, in the server's natural order. */
    Map<ObjectId, String> namesById() {
        Map<ObjectId, String> names = new LinkedHashMap<>();
        for (Document d : c.snapshots().find()) {
            names.put(d.getObjectId("_id"), d.getString("name"));
        }
        return names;
    }

    /** Snapshot name → metadata (empty map when null). */
    Map<String, Map<String, Object>> list() {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        for (Document d : c.snapshots().find()) {
            Object md = d.get("metadata");
            out.put(d.getString("name"), md instanceof Document m ? BsonValues.toJavaMap(m) : Map.of());
        }
        return out;
    }

    /** The snapshot's id, or NoDataFoundException in list_symbols/list_versions wording. */
    ObjectId requireId(String name) {
        Document snap = find(name);
        if (snap == null) {
            throw new NoDataFoundException("No snapshot " + name + " in library " + c.name().canonicalName());
        }
        return snap.getObjectId("_id");
    }
}
