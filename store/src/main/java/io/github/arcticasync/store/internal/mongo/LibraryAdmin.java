package io.github.arcticasync.store.internal.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOptions;
import io.github.arcticasync.store.ArcticException;
import io.github.arcticasync.store.LibraryNotFoundException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, finds, lists and drops VersionStore libraries exactly as Arctic does (arctic-format.md §1): metadata
 * document, indexes of §1.6, the 10 GiB quota and the {@code list_libraries} cache.
 */
public final class LibraryAdmin {
    /** The only library type this port implements. */
    public static final String VERSION_STORE = "VersionStore";
    /** {@code initialize_library}'s default quota: 10 GiB. */
    public static final long DEFAULT_QUOTA = 10L * 1024 * 1024 * 1024;
    private static final int MAX_COLLECTIONS = 5000;
    private static final Logger LOG = LoggerFactory.getLogger(LibraryAdmin.class);

    private final MongoClient client;
    private final LibraryCache cache;

    public LibraryAdmin(MongoClient client, Clock clock) {
        this.client = client;
        this.cache = new LibraryCache(client, clock);
    }

    public void initialize(LibraryName name) {
        MongoErrors.run("initializeLibrary(" + name.given() + ")", () -> {
            LibraryCollections c = LibraryCollections.of(client, name);
            int count = 0;
            for (String ignored : c.database().listCollectionNames()) {
                count++;
            }
            if (count > MAX_COLLECTIONS) {
                throw new ArcticException("Too many namespaces " + count + ", not creating: " + name.given());
            }
            UpdateOptions upsert = new UpdateOptions().upsert(true);
            Document id = new Document("_id", LibraryCollections.META_ID);
            c.meta().updateOne(id, new Document("$set", new Document("TYPE", VERSION_STORE)), upsert);
            ensureIndexes(c);
            Document meta = c.metaDocument();
            Object quota = meta == null ? null : meta.get("QUOTA");
            if (!(quota instanceof Number n) || n.longValue() == 0) {
                c.meta().updateOne(id, new Document("$set", new Document("QUOTA", DEFAULT_QUOTA)), upsert);
            }
            cache.add(name.listedName());
        });
    }

    private void ensureIndexes(LibraryCollections c) {
        IndexOptions bg = new IndexOptions().background(true);
        IndexOptions unique = new IndexOptions().background(true).unique(true);
        c.snapshots().createIndex(Indexes.ascending("name"), unique);
        c.versions().createIndex(Indexes.compoundIndex(Indexes.ascending("symbol"), Indexes.descending("_id")), bg);
        c.versions().createIndex(Indexes.compoundIndex(Indexes.ascending("symbol"), Indexes.descending("version")),
                unique);
        c.versions().createIndex(new Document("symbol", 1).append("version", -1).append("metadata.deleted", 1),
                new IndexOptions().background(true).name("versionstore_idx"));
        c.versions().createIndex(Indexes.ascending("parent"), bg);
        c.versionNums().createIndex(Indexes.ascending("symbol"), unique);
        MongoCollection<Document> seg = c.segments();
        seg.createIndex(Indexes.hashed("symbol"), bg);
        for (Document key : List.of(new Document("symbol", 1).append("sha", 1),
                new Document("symbol", 1).append("parent", 1).append("segment", 1),
                new Document("symbol", 1).append("sha", 1).append("segment", 1))) {
            try {
                seg.createIndex(key, unique);
            } catch (MongoException e) {
                // Hashed-sharded collections refuse unique indexes; Arctic ignores exactly that.
                if (String.valueOf(e.getMessage()).contains("can't use unique indexes")) {
                    LOG.info("unique index {} refused on {}: {}", key.toJson(), c.name(), e.getMessage());
                } else {
                    throw e;
                }
            }
        }
        try {
            client.getDatabase("admin").runCommand(new Document("enablesharding", c.name().database()));
        } catch (MongoException e) {
            LOG.debug("enablesharding {} failed (as for any non-admin user): {}", c.name().database(),
                    e.getMessage());
        }
    }

    /** The library metadata document's TYPE, or LibraryNotFoundException. */
    public void requireVersionStore(LibraryName name) {
        Document meta = MongoErrors.translate("getLibrary(" + name.given() + ")",
                () -> LibraryCollections.of(client, name).metaDocument());
        Object type = meta == null ? null : meta.get("TYPE");
        if (!(type instanceof String t) || t.isEmpty()) {
            throw new LibraryNotFoundException("Library " + name.given() + " was not correctly initialized in "
                    + name.canonicalName() + " (no " + LibraryCollections.META_ID + " TYPE)");
        }
        if (!VERSION_STORE.equals(t)) {
            throw new LibraryNotFoundException("Library " + name.given() + " has type " + t
                    + ", which this store does not implement (only " + VERSION_STORE + ")");
        }
    }

    public boolean exists(LibraryName name) {
        try {
            requireVersionStore(name);
            return true;
        } catch (LibraryNotFoundException e) {
            return false;
        }
    }

    public List<String> list() {
        return MongoErrors.translate("listLibraries", () -> {
            List<String> cached = cache.fresh();
            if (cached != null) {
                return new ArrayList<>(new TreeSet<>(cached));
            }
            List<String> names = slowList();
            cache.store(names);
            return names;
        });
    }

    private List<String> slowList() {
        TreeSet<String> out = new TreeSet<>();
        for (String db : client.listDatabaseNames()) {
            boolean plain = db.equals(LibraryName.DB_PREFIX);
            if (!plain && !db.startsWith(LibraryName.DB_PREFIX + "_")) {
                continue;
            }
            for (String coll : client.getDatabase(db).listCollectionNames()) {
                if (coll.endsWith(LibraryCollections.META_SUFFIX)) {
                    String lib = coll.substring(0, coll.length() - LibraryCollections.META_SUFFIX.length());
                    out.add(plain ? lib : db.substring(LibraryName.DB_PREFIX.length() + 1) + "." + lib);
                }
            }
        }
        return new ArrayList<>(out);
    }

    /** Drops the library's collections ({@code L} and every {@code L.*}); a missing library is a no-op. */
    public void delete(LibraryName name) {
        MongoErrors.run("deleteLibrary(" + name.given() + ")", () -> {
            MongoDatabase db = client.getDatabase(name.database());
            String p = name.prefix();
            for (String coll : db.listCollectionNames()) {
                if (coll.equals(p) || coll.startsWith(p + ".")) {
                    db.getCollection(coll).drop();
                }
            }
            cache.remove(name.listedName());
        });
    }

    public void setQuota(LibraryName name, long bytes) {
        requireVersionStore(name);
        MongoErrors.run("setQuota(" + name.given() + ")", () -> LibraryCollections.of(client, name).meta()
                .updateOne(new Document("_id", LibraryCollections.META_ID),
                        new Document("$set", new Document("QUOTA", bytes)), new UpdateOptions().upsert(true)));
    }

    public long quota(LibraryName name) {
        requireVersionStore(name);
        Document meta = LibraryCollections.of(client, name).metaDocument();
        return meta != null && meta.get("QUOTA") instanceof Number n ? n.longValue() : 0L;
    }
}
