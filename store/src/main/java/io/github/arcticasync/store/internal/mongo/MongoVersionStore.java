package io.github.arcticasync.store.internal.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.github.arcticasync.store.ConcurrentModificationException;
import io.github.arcticasync.store.DataIntegrityException;
import io.github.arcticasync.store.ListSymbolsOptions;
import io.github.arcticasync.store.NoDataFoundException;
import io.github.arcticasync.store.ReadOptions;
import io.github.arcticasync.store.UnreadableItem;
import io.github.arcticasync.store.VersionInfo;
import io.github.arcticasync.store.VersionStore;
import io.github.arcticasync.store.VersionedItem;
import io.github.arcticasync.store.internal.codec.ItemCodec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.bson.Document;
import org.bson.types.ObjectId;

/**
 * The VersionStore of one library on MongoDB, in Python Arctic 1.83.1's layout. Thread-safe: all state is in
 * MongoDB except the quota countdown. Every method validates its arguments and raises only Arctic exceptions (or
 * IllegalArgumentException for bad arguments).
 */
public final class MongoVersionStore implements VersionStore {
    private static final int READ_ATTEMPTS = 3;
    private static final int METADATA_ATTEMPTS = 5;
    private static final int WRITE_ATTEMPTS = 5;

    private final LibraryCollections c;
    private final String host;
    private final Clock clock;
    private final VersionNumbers numbers;
    private final Snapshots snapshots;
    private final VersionDocuments versions;
    private final Pruner pruner;
    private final LibraryStats stats;
    private final QuotaCheck quota;
    private final ItemWriter writer;
    private final Appender appender;
    private final ItemReader reader;
    private final SymbolLister lister;

    public MongoVersionStore(MongoClient client, LibraryName name, Clock clock, String host) {
        this.c = LibraryCollections.of(Objects.requireNonNull(client, "client"), Objects.requireNonNull(name));
        this.host = host;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.numbers = new VersionNumbers(c);
        this.snapshots = new Snapshots(c);
        this.versions = new VersionDocuments(c, snapshots);
        this.pruner = new Pruner(c, clock);
        this.stats = new LibraryStats(c);
        this.quota = new QuotaCheck(c, stats);
        SegmentWriter segmentWriter = new SegmentWriter(c);
        SegmentReader segmentReader = new SegmentReader(c);
        this.writer = new ItemWriter(c, clock, numbers, versions, segmentWriter, pruner, quota);
        this.appender = new Appender(c, clock, numbers, versions, segmentWriter, segmentReader, writer, pruner, quota);
        this.reader = new ItemReader(c, segmentReader);
        this.lister = new SymbolLister(c, snapshots);
    }

    /** Forgets the quota countdown, so the next write re-reads {@code QUOTA} (after {@code Arctic.setQuota}). */
    public void resetQuotaCountdown() {
        quota.reset();
    }

    @Override
    public String libraryName() {
        return c.name().canonicalName();
    }

    private VersionedItem item(String symbol, Object data, int version, Object metadata) {
        Map<String, Object> md = metadata instanceof Document d ? BsonValues.toJavaMap(d) : Map.of();
        return new VersionedItem(symbol, libraryName(), data, version, md, host);
    }

    private String what(String op, String symbol) {
        return op + "(" + symbol + ") in " + libraryName();
    }

    // ---- reads -------------------------------------------------------------------------------------------------

    @Override
    public VersionedItem read(String symbol) {
        return read(symbol, ReadOptions.latest());
    }

    @Override
    public VersionedItem read(String symbol, ReadOptions options) {
        Symbols.check(symbol);
        Objects.requireNonNull(options, "options must not be null");
        return MongoErrors.translate(what("read", symbol), () -> {
            for (int attempt = 1; ; attempt++) {
                Document v = versions.resolve(symbol, options);
                try {
                    Long fromRow = null;
                    if (options.fromVersion() != null) {
                        Document from = versions.resolve(symbol, ReadOptions.builder()
                                .asOf(options.fromVersion()).build());
                        fromRow = BsonInts.toLong(from.get("up_to"), "up_to", 0);
                    }
                    Object data = reader.read(v, options.dateRange(), fromRow);
                    return item(symbol, data, BsonInts.toInt(v.get("version"), "version"), v.get("metadata"));
                } catch (DataIntegrityException e) {
                    // A concurrent prune can remove segments between resolving and reading: resolve again.
                    if (attempt >= READ_ATTEMPTS) {
                        throw e;
                    }
                }
            }
        });
    }

    @Override
    public VersionedItem readMetadata(String symbol) {
        return readMetadata(symbol, ReadOptions.latest());
    }

    @Override
    public VersionedItem readMetadata(String symbol, ReadOptions options) {
        Symbols.check(symbol);
        Objects.requireNonNull(options, "options must not be null");
        return MongoErrors.translate(what("readMetadata", symbol), () -> {
            Document v = versions.resolve(symbol, options);
            return item(symbol, null, BsonInts.toInt(v.get("version"), "version"), v.get("metadata"));
        });
    }

    @Override
    public boolean hasSymbol(String symbol) {
        return hasSymbol(symbol, ReadOptions.latest());
    }

    @Override
    public boolean hasSymbol(String symbol, ReadOptions options) {
        Symbols.check(symbol);
        Objects.requireNonNull(options, "options must not be null");
        return MongoErrors.translate(what("hasSymbol", symbol), () -> {
            try {
                versions.resolve(symbol, options, VersionDocuments.EXISTENCE);
                return true;
            } catch (NoDataFoundException e) {
                return false;
            }
        });
    }

    // ---- writes ------------------------------------------------------------------------------------------------

    @Override
    public VersionedItem write(String symbol, Object data) {
        return write(symbol, data, null, true);
    }

    @Override
    public VersionedItem write(String symbol, Object data, Map<String, Object> metadata) {
        return write(symbol, data, metadata, true);
    }

    @Override
    public VersionedItem write(String symbol, Object data, Map<String, Object> metadata, boolean prune) {
        Symbols.check(symbol);
        Document md = BsonValues.toDocument(metadata, "metadata");
        ItemWriter.Prepared p = ItemWriter.prepare(symbol, data);
        return MongoErrors.translate(what("write", symbol), () -> retryingClashes(() -> item(symbol, null,
                writer.write(symbol, p, md, prune), md)));
    }

    /** Arctic's mongo_retry for a taken version number: redo the whole operation with a fresh number. */
    private static <T> T retryingClashes(java.util.function.Supplier<T> op) {
        for (int attempt = 1; ; attempt++) {
            try {
                return op.get();
            } catch (VersionClash e) {
                if (attempt >= WRITE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    @Override
    public VersionedItem append(String symbol, Object data) {
        return append(symbol, data, null, true, true);
    }

    @Override
    public VersionedItem append(String symbol, Object data, Map<String, Object> metadata) {
        return append(symbol, data, metadata, true, true);
    }

    @Override
    public VersionedItem append(String symbol, Object data, Map<String, Object> metadata, boolean prune) {
        return append(symbol, data, metadata, prune, true);
    }

    @Override
    public VersionedItem append(String symbol, Object data, Map<String, Object> metadata, boolean prune,
                                boolean upsert) {
        Symbols.check(symbol);
        Document md = BsonValues.toDocument(metadata, "metadata");
        return MongoErrors.translate(what("append", symbol), () -> retryingClashes(() -> {
            Appender.Result r = appender.append(symbol, data, md, prune, upsert);
            return item(symbol, null, r.version(), r.metadata());
        }));
    }

    @Override
    public VersionedItem writeMetadata(String symbol, Map<String, Object> metadata) {
        return writeMetadata(symbol, metadata, true);
    }

    @Override
    public VersionedItem writeMetadata(String symbol, Map<String, Object> metadata, boolean prune) {
        Symbols.check(symbol);
        Document md = BsonValues.toDocument(metadata, "metadata");
        return MongoErrors.translate(what("writeMetadata", symbol), () -> {
            for (int attempt = 1; ; attempt++) {
                Document previous;
                try {
                    previous = versions.resolve(symbol, ReadOptions.latest());
                } catch (NoDataFoundException e) {
                    return item(symbol, null, writer.write(symbol, new ItemWriter.Prepared(null, null), md, prune),
                            md);
                }
                try {
                    return item(symbol, null, copyVersion(symbol, previous, md, prune), md);
                } catch (ConcurrentModificationException e) {
                    if (attempt >= METADATA_ATTEMPTS) {
                        throw e;
                    }
                }
            }
        });
    }

    /** Arctic's write_metadata body: a new version sharing {@code reference}'s data (§4.7). */
    private int copyVersion(String symbol, Document reference, Document metadata, boolean prune) {
        int next = numbers.next(symbol, true);
        Document doc = new Document();
        for (Map.Entry<String, Object> e : reference.entrySet()) {
            if (!"parent".equals(e.getKey())) {
                doc.append(e.getKey(), e.getValue());
            }
        }
        ObjectId refId = reference.getObjectId("_id");
        doc.put("_id", ObjectIds.next(clock));
        doc.put("version", next);
        doc.put("metadata", metadata);
        doc.put("base_version_id", SegmentReader.baseOrId(reference));
        int last = numbers.current(symbol);
        if (last != next) {
            throw new ConcurrentModificationException("The symbol " + symbol + " has been modified concurrently ("
                    + last + " != " + next + ")");
        }
        versions.insert(doc);
        Document still = c.versions().find(new Document("_id", refId)).first();
        if (still == null || still.containsKey("deleted")) {
            c.versions().deleteOne(new Document("_id", doc.getObjectId("_id")));
            throw new ConcurrentModificationException("Failed to write metadata for symbol " + symbol
                    + ": the reference version was deleted concurrently");
        }
        if (prune) {
            pruner.prune(symbol, Pruner.KEEP_MINS, null, doc.getList("SEGMENT_SHAS", Object.class, List.of()));
        }
        return next;
    }

    @Override
    public VersionedItem restoreVersion(String symbol, int version) {
        if (version < 1) {
            throw new IllegalArgumentException("version must be >= 1, was " + version);
        }
        return restore(symbol, ReadOptions.builder().asOf(version).build());
    }

    @Override
    public VersionedItem restoreVersion(String symbol, String snapshotName) {
        if (snapshotName == null || snapshotName.isEmpty()) {
            throw new IllegalArgumentException("snapshot name must not be null or empty");
        }
        return restore(symbol, ReadOptions.builder().asOf(snapshotName).build());
    }

    private VersionedItem restore(String symbol, ReadOptions asOf) {
        Symbols.check(symbol);
        return MongoErrors.translate(what("restoreVersion", symbol), () -> {
            Document target = versions.resolve(symbol, asOf);
            int number = BsonInts.toInt(target.get("version"), "version");
            if (number == numbers.current(symbol)) {
                return item(symbol, null, number, target.get("metadata"));
            }
            Object data = reader.read(target, null, null);
            Document md = target.get("metadata") instanceof Document d ? d : null;
            if (data instanceof UnreadableItem) {
                // Java cannot re-write a pickle, but a version pointing at the same segments reads the same.
                return item(symbol, null, copyVersion(symbol, target, md, true), md);
            }
            ItemWriter.Prepared p = ItemWriter.prepare(symbol, data);
            return item(symbol, null, writer.write(symbol, p, md, true), md);
        });
    }

    @Override
    public void delete(String symbol) {
        Symbols.check(symbol);
        MongoErrors.run(what("delete", symbol), () -> {
            if (c.versions().find(new Document("symbol", symbol)).projection(Projections.include("_id"))
                    .first() == null) {
                return;
            }
            int sentinel = writer.write(symbol, new ItemWriter.Prepared(null, null), new Document("deleted", true),
                    false);
            pruner.prune(symbol, 0, null, null);
            Document live = c.versions().find(new Document("symbol", symbol)
                    .append("metadata.deleted", new Document("$ne", true))).first();
            if (live == null) {
                pruner.deleteVersion(symbol, sentinel);
            }
        });
    }

    // ---- listing -----------------------------------------------------------------------------------------------

    @Override
    public List<String> listSymbols() {
        return listSymbols(ListSymbolsOptions.all());
    }

    @Override
    public List<String> listSymbols(String regex) {
        if (regex == null) {
            throw new IllegalArgumentException("regex must not be null");
        }
        return listSymbols(ListSymbolsOptions.builder().regex(regex).build());
    }

    @Override
    public List<String> listSymbols(ListSymbolsOptions options) {
        Objects.requireNonNull(options, "options must not be null");
        if (options.regex() != null) {
            try {
                java.util.regex.Pattern.compile(options.regex());
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new IllegalArgumentException("invalid regex " + options.regex() + ": " + e.getDescription(), e);
            }
        }
        return MongoErrors.translate("listSymbols in " + libraryName(), () -> lister.list(options));
    }

    @Override
    public List<VersionInfo> listVersions(String symbol) {
        Symbols.check(symbol);
        return listVersions(symbol, null, false);
    }

    @Override
    public List<VersionInfo> listVersions() {
        return listVersions(null, null, false);
    }

    @Override
    public List<VersionInfo> listVersions(String symbol, String snapshot, boolean latestOnly) {
        if (symbol != null) {
            Symbols.check(symbol);
        }
        if (snapshot != null && snapshot.isEmpty()) {
            throw new IllegalArgumentException("snapshot name must not be empty");
        }
        return MongoErrors.translate("listVersions in " + libraryName(), () -> {
            List<String> symbols = symbol != null ? List.of(symbol)
                    : lister.list(snapshot == null ? ListSymbolsOptions.all()
                    : ListSymbolsOptions.builder().snapshot(snapshot).build());
            ObjectId snapId = snapshot == null ? null : snapshots.requireId(snapshot);
            Map<ObjectId, String> names = snapshots.namesById();
            List<VersionInfo> out = new ArrayList<>();
            for (String sym : symbols) {
                Document q = new Document("symbol", sym);
                if (snapId != null) {
                    q.append("parent", snapId);
                }
                Set<String> seen = new HashSet<>();
                for (Document v : c.versions().find(q)
                        .projection(Projections.include("symbol", "version", "parent", "metadata.deleted"))
                        .sort(Sorts.descending("version"))) {
                    if (latestOnly && !seen.add(sym)) {
                        continue;
                    }
                    List<String> in = new ArrayList<>();
                    for (Object p : v.getList("parent", Object.class, List.of())) {
                        String n = names.get(p);
                        if (n != null) {
                            in.add(n);
                        }
                    }
                    out.add(new VersionInfo(sym, BsonInts.toInt(v.get("version"), "version"),
                            VersionDocuments.isDeleted(v), in, ObjectIds.time(v.getObjectId("_id"))));
                }
            }
            return out;
        });
    }

    // ---- snapshots ---------------------------------------------------------------------------------------------

    @Override
    public void snapshot(String name) {
        snapshot(name, null, null, null);
    }

    @Override
    public void snapshot(String name, Map<String, Object> metadata) {
        snapshot(name, metadata, null, null);
    }

    @Override
    public void snapshot(String name, Map<String, Object> metadata, List<String> skipSymbols,
                         Map<String, Integer> pinned) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("snapshot name must not be null or empty");
        }
        Document md = BsonValues.toDocument(metadata, "snapshot metadata");
        if (pinned != null) {
            pinned.forEach((sym, v) -> {
                Symbols.check(sym);
                if (v != null && v < 1) {
                    throw new IllegalArgumentException("snapshot version for " + sym + " must be >= 1, was " + v);
                }
            });
        }
        MongoErrors.run("snapshot(" + name + ") in " + libraryName(), () -> {
            snapshots.requireAbsent(name);
            ObjectId snapId = ObjectIds.next(clock);
            Map<String, ReadOptions> targets = new LinkedHashMap<>();
            if (pinned == null) {
                Set<String> skip = skipSymbols == null ? Set.of() : new HashSet<>(skipSymbols);
                for (String sym : lister.list(ListSymbolsOptions.all())) {
                    if (!skip.contains(sym)) {
                        targets.put(sym, ReadOptions.latest());
                    }
                }
            } else {
                pinned.forEach((sym, v) -> targets.put(sym, v == null ? ReadOptions.latest()
                        : ReadOptions.builder().asOf(v).build()));
            }
            List<ObjectId> ids = new ArrayList<>();
            targets.forEach((sym, asOf) -> {
                try {
                    ids.add(versions.resolve(sym, asOf, VersionDocuments.EXISTENCE).getObjectId("_id"));
                } catch (NoDataFoundException e) {
                    // Deleted or missing symbols are left out of the snapshot, as in Arctic.
                }
            });
            snapshots.create(snapId, name, md, ids);
        });
    }

    @Override
    public Map<String, Map<String, Object>> listSnapshots() {
        return MongoErrors.translate("listSnapshots in " + libraryName(), snapshots::list);
    }

    @Override
    public void deleteSnapshot(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("snapshot name must not be null or empty");
        }
        MongoErrors.run("deleteSnapshot(" + name + ") in " + libraryName(), () -> snapshots.delete(name));
    }

    // ---- info --------------------------------------------------------------------------------------------------

    @Override
    public Map<String, Object> getInfo(String symbol) {
        return getInfo(symbol, ReadOptions.latest());
    }

    @Override
    public Map<String, Object> getInfo(String symbol, ReadOptions options) {
        Symbols.check(symbol);
        Objects.requireNonNull(options, "options must not be null");
        return MongoErrors.translate(what("getInfo", symbol), () -> info(versions.resolve(symbol, options)));
    }

    private static Map<String, Object> info(Document v) {
        String type = v.getString("type");
        Map<String, Object> ret = new LinkedHashMap<>();
        if (!"ndarray".equals(type) && !"pandasdf".equals(type) && !"pandasseries".equals(type)) {
            ret.put("type", "blob");
            ret.put("handler", "PickleStore");
            return ret;
        }
        String dtype = v.getString("dtype");
        long upTo = BsonInts.toLong(v.get("up_to"), "up_to");
        ret.put("size", ItemCodec.rowSize(dtype, List.of(-1)) * upTo);
        ret.put("segment_count", BsonInts.toLong(v.get("segment_count"), "segment_count", 0));
        ret.put("dtype", dtype);
        ret.put("type", type);
        ret.put("handler", "NdarrayStore");
        ret.put("rows", upTo);
        if (!"ndarray".equals(type)) {
            Object md = v.get("dtype_metadata");
            ret.put("col_names", md instanceof Document d ? BsonValues.toJavaMap(d) : Map.of());
            ret.put("handler", "pandasdf".equals(type) ? "PandasDataFrameStore" : "PandasSeriesStore");
            ret.put("dtype", DtypeFields.parse(dtype));
        }
        return ret;
    }

    @Override
    public Map<String, Object> stats() {
        return MongoErrors.translate("stats of " + libraryName(), stats::stats);
    }

    @Override
    public String toString() {
        return "VersionStore[" + libraryName() + "]";
    }
}
