package io.github.arcticasync.bench;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.github.arcticasync.store.Arctic;
import io.github.arcticasync.store.DataFrame;
import io.github.arcticasync.store.DateRange;
import io.github.arcticasync.store.ReadOptions;
import io.github.arcticasync.store.VersionStore;
import io.github.arcticasync.store.VersionedItem;
import io.github.arcticasync.store.internal.codec.EncodedItem;
import io.github.arcticasync.store.internal.codec.ItemCodec;
import io.github.arcticasync.store.internal.codec.Lz4Blocks;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;

/**
 * The store benchmark (issue 2 §7): writes and reads a DataFrame through {@link VersionStore} and compares it, in
 * the same run and on the same embedded server, with the raw MongoDB driver upserting (and, separately,
 * insertMany-ing) and finding the very segment documents the store wrote. Then writes a large symbol and counts
 * how many segment documents a 1% {@code date_range} read fetches.
 */
final class StoreBenchmark {

    static final String SYMBOL = "BENCH";
    private static final String ARCTIC_DB = "arctic";
    private static final String RAW_DB = "bench_raw";
    /** Arctic's _CHUNK_SIZE (arctic-format.md §2.8), for the CPU-only reference step. */
    private static final int CHUNK_BYTES = 2 * 1024 * 1024 - 2048;

    /** What to run. {@code rangeRows == 0} skips the date-range part. */
    record Config(int rows, int warmup, int iterations, int rangeRows, double rangeFraction, long seed) {
        Config {
            if (rows < 1) {
                throw new IllegalArgumentException("rows must be at least 1, was " + rows);
            }
            if (warmup < 0) {
                throw new IllegalArgumentException("warmup must not be negative, was " + warmup);
            }
            if (iterations < 1) {
                throw new IllegalArgumentException("iterations must be at least 1, was " + iterations);
            }
            if (rangeRows < 0) {
                throw new IllegalArgumentException("rangeRows must not be negative, was " + rangeRows);
            }
            if (!(rangeFraction > 0 && rangeFraction <= 1)) {
                throw new IllegalArgumentException("rangeFraction must be in (0, 1], was " + rangeFraction);
            }
        }

        static Config defaults() {
            return new Config(1_000_000, 2, 7, 10_000_000, 0.01, 42);
        }
    }

    /** Result of the date-range part. */
    record RangeResult(int rows, long writeNanos, long totalSegments, long counterCheckDocuments,
                       long counterCheckReplies,
                       int rangeRowsRead, long rangeSegmentsFetched, long rangeReadNanos, String fullRead) {
        double fetchedFraction() {
            return (double) rangeSegmentsFetched / totalSegments;
        }
    }

    /** Everything measured in one run. */
    record Result(Config config, Map<String, Samples> steps, int segments, long compressedBytes, RangeResult range) {
        long rawRowBytes() {
            return (long) config.rows() * Frames.ROW_BYTES;
        }

        double mbPerSecond(String step) {
            return rawRowBytes() / 1e6 / (steps.get(step).median() / 1e9);
        }

        double ratio(String step, String baseline) {
            return (double) steps.get(step).median() / steps.get(baseline).median();
        }
    }

    private final Config config;
    private final PrintStream log;

    StoreBenchmark(Config config, PrintStream log) {
        this.config = Objects.requireNonNull(config, "config must not be null");
        this.log = Objects.requireNonNull(log, "log must not be null");
    }

    Result run() throws Exception {
        try (EmbeddedMongo mongo = new EmbeddedMongo(); MongoClient client = mongo.newClient();
             Arctic arctic = Arctic.connect(client)) {
            log.printf("store benchmark: %,d rows x %d bytes, warmup %d, iterations %d, server %s%n",
                    config.rows(), Frames.ROW_BYTES, config.warmup(), config.iterations(), mongo.connectionString());
            DataFrame frame = Frames.prices(config.rows(), config.seed());
            Template template = template(arctic, client, frame);
            log.printf("  %d segments, %,d compressed bytes (%.2f of raw)%n", template.segments.size(),
                    template.compressedBytes, (double) template.compressedBytes / ((long) config.rows() * Frames.ROW_BYTES));
            MongoDatabase rawDb = client.getDatabase(RAW_DB);
            Map<String, Samples> steps = Harness.run(config.warmup(), config.iterations(), (i, rec) -> {
                storeRound(arctic, frame, i, rec);
                rawUpsertRound(rawDb, template, i, rec);
                rawInsertManyRound(rawDb, template, i, rec);
                cpuRound(frame, template, rec);
                log.printf("  round %d done%n", i);
            });
            Result main = new Result(config, steps, template.segments.size(), template.compressedBytes, null);
            // Print the main figures now: the large date-range part that follows may take long or fail.
            printMain(main, log);
            RangeResult range = config.rangeRows() > 0 ? rangeRead(mongo) : null;
            return new Result(config, steps, template.segments.size(), template.compressedBytes, range);
        }
    }

    /** The segment documents and version fields of one store write, the input of the raw-driver baseline. */
    private record Template(List<Document> segments, List<Document> indexes, long compressedBytes, Document version) {
    }

    private Template template(Arctic arctic, MongoClient client, DataFrame frame) {
        String lib = "bench_template";
        arctic.initializeLibrary(lib);
        arctic.getLibrary(lib).write(SYMBOL, frame);
        MongoDatabase db = client.getDatabase(ARCTIC_DB);
        List<Document> segments = new ArrayList<>();
        long bytes = 0;
        for (Document d : db.getCollection(lib).find(Filters.eq("symbol", SYMBOL)).sort(Sorts.ascending("segment"))) {
            Binary data = d.get("data", Binary.class);
            bytes += data.length();
            segments.add(new Document("symbol", SYMBOL).append("segment", d.get("segment"))
                    .append("data", data).append("compressed", d.getBoolean("compressed"))
                    .append("sha", d.get("sha")));
        }
        if (segments.isEmpty()) {
            throw new IllegalStateException("the store wrote no segment documents into " + ARCTIC_DB + "." + lib);
        }
        List<Document> indexes = new ArrayList<>();
        for (Document ix : db.getCollection(lib).listIndexes()) {
            if (!"_id_".equals(ix.getString("name"))) {
                indexes.add(ix);
            }
        }
        Document version = db.getCollection(lib + ".versions").find(Filters.eq("symbol", SYMBOL)).first();
        arctic.deleteLibrary(lib);
        return new Template(segments, indexes, bytes, version);
    }

    private void storeRound(Arctic arctic, DataFrame frame, int i, Harness.Recorder rec) throws Exception {
        String lib = "bench_" + i;
        arctic.initializeLibrary(lib);
        VersionStore store = arctic.getLibrary(lib);
        rec.time("store.write", () -> store.write(SYMBOL, frame));
        VersionedItem item = rec.time("store.read", () -> store.read(SYMBOL));
        if (i == 0 && !frame.equals(item.data())) {
            throw new IllegalStateException("the store read back a different frame than it wrote");
        }
        if (((DataFrame) item.data()).rowCount() != frame.rowCount()) {
            throw new IllegalStateException("the store read " + ((DataFrame) item.data()).rowCount() + " rows");
        }
        arctic.deleteLibrary(lib);
    }

    private static MongoCollection<Document> freshCollection(MongoDatabase db, String name, Template template) {
        MongoCollection<Document> coll = db.getCollection(name);
        coll.drop();
        // The same indexes as the store's segment collection, so the baseline pays the same index maintenance.
        for (Document ix : template.indexes) {
            IndexOptions options = new IndexOptions().name(ix.getString("name"))
                    .unique(Boolean.TRUE.equals(ix.getBoolean("unique")));
            coll.createIndex(ix.get("key", Document.class), options);
        }
        return coll;
    }

    private void rawUpsertRound(MongoDatabase db, Template template, int i, Harness.Recorder rec) throws Exception {
        MongoCollection<Document> coll = freshCollection(db, "upsert_" + i, template);
        ObjectId parent = new ObjectId();
        // Arctic's own write of new segments (arctic-format.md §2.10): one unordered bulk of upserts.
        List<WriteModel<Document>> ops = new ArrayList<>(template.segments.size());
        for (Document s : template.segments) {
            ops.add(new UpdateOneModel<>(
                    Filters.and(Filters.eq("symbol", SYMBOL), Filters.eq("sha", s.get("sha")),
                            Filters.eq("segment", s.get("segment"))),
                    Updates.combine(Updates.set("data", s.get("data")), Updates.set("compressed", s.get("compressed")),
                            Updates.set("segment", s.get("segment")), Updates.set("sha", s.get("sha")),
                            Updates.addToSet("parent", parent)),
                    new UpdateOptions().upsert(true)));
        }
        rec.time("raw.write", () -> coll.bulkWrite(ops, new BulkWriteOptions().ordered(false)));
        long bytes = rec.time("raw.read", () -> readSegments(coll, parent));
        if (bytes != template.compressedBytes) {
            throw new IllegalStateException("raw read fetched " + bytes + " bytes, expected " + template.compressedBytes);
        }
        coll.drop();
    }

    private void rawInsertManyRound(MongoDatabase db, Template template, int i, Harness.Recorder rec)
            throws Exception {
        MongoCollection<Document> coll = freshCollection(db, "insert_" + i, template);
        ObjectId parent = new ObjectId();
        List<Document> docs = new ArrayList<>(template.segments.size());
        for (Document s : template.segments) {
            docs.add(new Document(s).append("parent", List.of(parent)));
        }
        rec.time("raw.insertMany", () -> coll.insertMany(docs, new InsertManyOptions().ordered(false)));
        coll.drop();
    }

    /** Fetches a version's segments in order and touches every data byte; returns the byte count. */
    private static long readSegments(MongoCollection<Document> coll, ObjectId parent) {
        long bytes = 0;
        try (MongoCursor<Document> cursor = coll.find(Filters.and(Filters.eq("symbol", SYMBOL),
                Filters.eq("parent", parent))).sort(Sorts.ascending("segment")).iterator()) {
            while (cursor.hasNext()) {
                bytes += cursor.next().get("data", Binary.class).length();
            }
        }
        return bytes;
    }

    /**
     * Reference only, no MongoDB: the CPU work any Arctic-format writer and reader must do on this frame
     * (numpy-records encode, LZ4 per chunk, SHA-1 per chunk; LZ4 decode and records decode).
     */
    private void cpuRound(DataFrame frame, Template template, Harness.Recorder rec) throws Exception {
        // Split into its three parts, so the report shows which one the store's extra write time is made of.
        EncodedItem item = rec.time("cpu.records", () -> ItemCodec.encode(frame));
        int rowsPerChunk = CHUNK_BYTES / item.rowSize() + 1;
        List<byte[]> compressed = rec.time("cpu.lz4", () -> {
            List<byte[]> out = new ArrayList<>();
            for (int start = 0; start < item.rowCount(); start += rowsPerChunk) {
                int n = Math.min(rowsPerChunk, item.rowCount() - start);
                byte[] chunk = new byte[n * item.rowSize()];
                System.arraycopy(item.rows(), start * item.rowSize(), chunk, 0, chunk.length);
                out.add(Lz4Blocks.compress(chunk));
            }
            return out;
        });
        // Arctic hashes the whole item once (version sha) and every compressed segment once (segment sha).
        // Fed in 16 KiB updates as the store does (Hashes): that is what lets HotSpot use the SHA-1 instructions.
        rec.time("cpu.sha1", () -> {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] whole = digestInChunks(sha1, item.rows());
            for (byte[] c : compressed) {
                whole = digestInChunks(sha1, c);
            }
            return whole;
        });
        Object decoded = rec.time("cpu.decode", () -> {
            ByteArrayOutputStream rows = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 16,
                    (long) config.rows() * Frames.ROW_BYTES));
            for (Document s : template.segments) {
                rows.write(Lz4Blocks.decompress(s.get("data", Binary.class).getData()));
            }
            Document v = template.version;
            @SuppressWarnings("unchecked")
            List<Integer> shape = (List<Integer>) v.get("shape");
            return ItemCodec.decode(v.getString("type"), v.getString("dtype"), v.get("dtype_metadata", Document.class),
                    shape, rows.toByteArray(), ((Number) v.get("up_to")).intValue());
        });
        if (!(decoded instanceof DataFrame df) || df.rowCount() != frame.rowCount()) {
            throw new IllegalStateException("cpu.decode did not rebuild the frame");
        }
    }

    private RangeResult rangeRead(EmbeddedMongo mongo) {
        int rows = config.rangeRows();
        SegmentFetchCounter counter = new SegmentFetchCounter();
        String lib = "bench_range";
        try (MongoClient client = mongo.newClient(counter); Arctic arctic = Arctic.connect(client)) {
            arctic.initializeLibrary(lib);
            VersionStore store = arctic.getLibrary(lib);
            log.printf("date range: writing %,d rows...%n", rows);
            long writeNanos;
            {
                DataFrame big = Frames.prices(rows, config.seed() + 1);
                long t0 = System.nanoTime();
                store.write(SYMBOL, big);
                writeNanos = System.nanoTime() - t0;
            }
            long totalSegments = client.getDatabase(ARCTIC_DB).getCollection(lib)
                    .countDocuments(Filters.eq("symbol", SYMBOL));
            counter.watch(ARCTIC_DB, lib);

            int n = Math.max(1, (int) Math.round(rows * config.rangeFraction()));
            int first = Math.max(0, rows / 2 - n / 2);
            DateRange range = DateRange.of(instant(Frames.indexNanos(first)), instant(Frames.indexNanos(first + n - 1)));
            counter.reset();
            long t0 = System.nanoTime();
            VersionedItem part = store.read(SYMBOL, ReadOptions.builder().dateRange(range).build());
            long rangeNanos = System.nanoTime() - t0;
            long rangeFetched = counter.documents();
            int partRows = ((DataFrame) part.data()).rowCount();
            if (partRows != n) {
                throw new IllegalStateException("date_range read returned " + partRows + " rows, expected " + n);
            }

            // Check the counter itself: a plain find of every segment, in small batches so getMore replies count too.
            counter.reset();
            long plain = 0;
            for (Document ignored : client.getDatabase(ARCTIC_DB).getCollection(lib).find(Filters.eq("symbol", SYMBOL))
                    .projection(new Document("segment", 1)).batchSize(16)) {
                plain++;
            }
            long counterCheck = counter.documents();
            long counterReplies = counter.replies();
            if (plain != totalSegments || counterCheck != totalSegments) {
                throw new IllegalStateException("segment counter saw " + counterCheck + " documents of " + plain
                        + " fetched, " + totalSegments + " stored");
            }

            String fullRead;
            counter.reset();
            t0 = System.nanoTime();
            try {
                VersionedItem whole = store.read(SYMBOL);
                long fullNanos = System.nanoTime() - t0;
                int wholeRows = ((DataFrame) whole.data()).rowCount();
                fullRead = String.format("%,d rows from %d segment documents in %.1f ms", wholeRows,
                        counter.documents(), fullNanos / 1e6);
            } catch (RuntimeException e) {
                fullRead = "FAILED after " + (System.nanoTime() - t0) / 1_000_000 + " ms: " + e;
            }
            arctic.deleteLibrary(lib);
            return new RangeResult(rows, writeNanos, totalSegments, counterCheck, counterReplies, partRows,
                    rangeFetched, rangeNanos,
                    fullRead);
        }
    }

    private static Instant instant(long epochNanos) {
        return Instant.ofEpochSecond(Math.floorDiv(epochNanos, 1_000_000_000L), Math.floorMod(epochNanos, 1_000_000_000L));
    }

    /** Prints the store-vs-raw figures as docs/benchmarks.md shows them ({@link #run} does so as soon as known). */
    static void printMain(Result r, PrintStream out) {
        Config c = r.config();
        out.printf("%nrows %,d; raw row bytes %,d (%.1f MB); %d segments; %,d compressed bytes%n", c.rows(),
                r.rawRowBytes(), r.rawRowBytes() / 1e6, r.segments(), r.compressedBytes());
        out.printf("%-16s %10s %10s %10s %8s%n", "step", "median ms", "p90 ms", "MB/s", "n");
        r.steps().forEach((step, s) -> out.printf("%-16s %10.1f %10.1f %10.1f %8d%n", step, s.medianMillis(),
                s.p90Millis(), r.mbPerSecond(step), s.count()));
        double w = r.ratio("store.write", "raw.write");
        double rd = r.ratio("store.read", "raw.read");
        out.printf("write ratio store/raw upsert bulk  = %.2fx (target <= 1.3x: %s)%n", w, w <= 1.3 ? "MET" : "MISSED");
        out.printf("write ratio store/raw insertMany   = %.2fx%n", r.ratio("store.write", "raw.insertMany"));
        out.printf("read  ratio store/raw find         = %.2fx (target <= 1.3x: %s)%n", rd, rd <= 1.3 ? "MET" : "MISSED");
    }

    /** Prints the date-range figures, if that part ran. */
    static void printRange(Result r, PrintStream out) {
        RangeResult g = r.range();
        if (g != null) {
            out.printf("%ndate_range: %,d-row symbol written in %.1f s (%.1f MB/s); %d segments in total%n", g.rows(),
                    g.writeNanos() / 1e9, (long) g.rows() * Frames.ROW_BYTES / 1e6 / (g.writeNanos() / 1e9),
                    g.totalSegments());
            out.printf("  counter check: a plain find (batchSize 16) of all segments counted %d documents in %d replies%n",
                    g.counterCheckDocuments(), g.counterCheckReplies());
            out.printf("  full store read: %s%n", g.fullRead());
            out.printf("  %.2f%% range (%,d rows): fetched %d of %d segment documents (%.2f%%) in %.1f ms%n",
                    100.0 * g.rangeRowsRead() / g.rows(), g.rangeRowsRead(), g.rangeSegmentsFetched(),
                    g.totalSegments(), 100 * g.fetchedFraction(), g.rangeReadNanos() / 1e6);
        }
    }

    private static byte[] digestInChunks(MessageDigest md, byte[] bytes) {
        for (int off = 0; off < bytes.length; off += 16 * 1024) {
            md.update(bytes, off, Math.min(16 * 1024, bytes.length - off));
        }
        return md.digest();
    }
}
