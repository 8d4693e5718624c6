package io.github.arcticasync.store.compat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** Puts a golden dump's databases, collections, documents and indexes onto a server, and wipes a server clean. */
final class GoldenLoader {

    /** Databases that belong to the server itself and are never touched. */
    static final Set<String> SYSTEM_DATABASES = Set.of("admin", "config", "local");

    private GoldenLoader() {
    }

    /** Drops every non-system database, so each case starts from an empty server as the oracle did. */
    static void wipe(MongoClient client) {
        for (String name : client.listDatabaseNames()) {
            if (!SYSTEM_DATABASES.contains(name)) {
                client.getDatabase(name).drop();
            }
        }
    }

    /**
     * Inserts every document of the dump exactly as dumped (BSON types included) and creates the listed indexes.
     *
     * @return notes about indexes the server could not create (hashed indexes are optional for reading)
     */
    static List<String> load(MongoClient client, BsonDocument dump) {
        List<String> notes = new ArrayList<>();
        BsonDocument databases = dump.getDocument("databases");
        for (String dbName : databases.keySet()) {
            MongoDatabase db = client.getDatabase(dbName);
            BsonDocument collections = databases.getDocument(dbName);
            for (String collName : collections.keySet()) {
                BsonDocument coll = collections.getDocument(collName);
                db.createCollection(collName);
                MongoCollection<BsonDocument> target = db.getCollection(collName, BsonDocument.class);
                List<BsonDocument> documents = new ArrayList<>();
                for (BsonValue doc : coll.getArray("documents")) {
                    documents.add(doc.asDocument());
                }
                if (!documents.isEmpty()) {
                    target.insertMany(documents);
                }
                for (BsonValue index : coll.getArray("indexes")) {
                    createIndex(target, dbName + "." + collName, index.asDocument(), notes);
                }
            }
        }
        return notes;
    }

    private static void createIndex(MongoCollection<BsonDocument> target, String ns, BsonDocument index,
                                    List<String> notes) {
        String name = index.getString("name").getValue();
        if (name.equals("_id_")) {
            return;
        }
        BsonDocument keys = keyDocument(index.getArray("key"));
        IndexOptions options = new IndexOptions().name(name)
                .unique(index.getBoolean("unique", org.bson.BsonBoolean.FALSE).getValue());
        if (index.containsKey("expireAfterSeconds")) {
            options.expireAfter(index.getNumber("expireAfterSeconds").longValue(), TimeUnit.SECONDS);
        }
        try {
            target.createIndex(keys, options);
        } catch (RuntimeException e) {
            // The reads under test never need an index; a server without hashed indexes still serves them.
            notes.add("index " + ns + " " + name + " not created: " + e.getMessage());
        }
    }

    /** index_information()'s key list {@code [[field, direction], ...]} as an ordered key document. */
    static BsonDocument keyDocument(BsonArray pairs) {
        BsonDocument keys = new BsonDocument();
        for (BsonValue pair : pairs) {
            BsonArray fieldAndDirection = pair.asArray();
            keys.append(fieldAndDirection.get(0).asString().getValue(), fieldAndDirection.get(1));
        }
        return keys;
    }
}
