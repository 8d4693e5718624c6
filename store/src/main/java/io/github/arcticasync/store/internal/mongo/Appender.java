package io.github.arcticasync.store.internal.mongo;

import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import io.github.arcticasync.store.ArcticException;
import io.github.arcticasync.store.NoDataFoundException;
import io.github.arcticasync.store.OverlappingDataException;
import io.github.arcticasync.store.UnhandledDtypeException;
import io.github.arcticasync.store.UnorderedDataException;
import io.github.arcticasync.store.internal.codec.EncodedItem;
import io.github.arcticasync.store.internal.codec.ItemCodec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;

/**
 * Arctic's {@code VersionStore.append} (arctic-format.md §2.11): cheap uncompressed appends parented by the base
 * version, a compressed rewrite every 60 appends or 1 MiB, and a full rewrite when the dtype widens.
 */
final class Appender {
    static final int APPEND_COUNT = 60;
    static final long APPEND_SIZE = 1024 * 1024;
    private static final Set<String> CHUNKED_TYPES = Set.of("pandasdf", "pandasseries", "ndarray");

    private final LibraryCollections c;
    private final Clock clock;
    private final VersionNumbers numbers;
    private final VersionDocuments versions;
    private final SegmentWriter segments;
    private final SegmentReader reader;
    private final TypedWrite typed;
    private final ItemWriter writer;
    private final Pruner pruner;
    private final QuotaCheck quota;

    Appender(LibraryCollections c, Clock clock, VersionNumbers numbers, VersionDocuments versions,
             SegmentWriter segments, SegmentReader reader, ItemWriter writer, Pruner pruner, QuotaCheck quota) {
        this.c = c;
        this.clock = clock;
        this.numbers = numbers;
        this.versions = versions;
        this.segments = segments;
        this.reader = reader;
        this.typed = new TypedWrite(segments);
        this.writer = writer;
        this.pruner = pruner;
        this.quota = quota;
    }

    /** The outcome: the version number, and the metadata Arctic reports (null for an empty no-op append). */
    record Result(int version, Document metadata) {
    }

    Result append(String symbol, Object data, Document metadata, boolean prune, boolean upsert) {
        if (data == null || !ItemCodec.canEncode(data)) {
            throw new UnhandledDtypeException("Cannot append "
                    + (data == null ? "null" : "a " + data.getClass().getName()) + " to " + symbol
                    + ": append takes a DataFrame, Series or NdArray");
        }
        Symbols.checkAsciiForChunks(symbol);
        EncodedItem item = ItemCodec.encode(data);
        checkIndexOrder(symbol, item);
        quota.check();
        ObjectId id = ObjectIds.next(clock);
        Document previous = versions.latest(symbol);
        if (item.rowCount() == 0 && previous != null) {
            return new Result(BsonInts.toInt(previous.get("version"), "version"), null);
        }
        if (previous == null) {
            if (!upsert) {
                throw versions.noData(symbol);
            }
            return new Result(writer.write(symbol, new ItemWriter.Prepared(item, null), metadata, prune), metadata);
        }
        int next = numbers.next(symbol, false);
        int previousNumber = BsonInts.toInt(previous.get("version"), "version");
        // A gap means a failed or concurrent append since we read `previous`: never reuse its base cheaply.
        boolean dirty = next != previousNumber + 1;
        if (VersionDocuments.isDeleted(previous)) {
            if (!upsert) {
                throw versions.noData(symbol);
            }
            return new Result(writer.write(symbol, new ItemWriter.Prepared(item, null), metadata, prune), metadata);
        }
        String type = previous.getString("type");
        if (!CHUNKED_TYPES.contains(type)) {
            throw new ArcticException("Append not implemented for handler of type '" + type + "' (symbol " + symbol
                    + " in " + c.name().canonicalName() + ")");
        }
        if (!type.equals(item.type())) {
            throw new UnhandledDtypeException("Cannot append a " + item.type() + " to " + symbol + ", which holds a "
                    + type);
        }
        List<Integer> prevShape = shapeOf(previous);
        if (!prevShape.equals(item.shape())) {
            throw new UnhandledDtypeException("Cannot append rows of shape " + item.shape() + " to " + symbol
                    + ", whose rows have shape " + prevShape);
        }
        String prevDtype = previous.getString("dtype");
        if (prevDtype.startsWith("[") != item.dtype().startsWith("[")) {
            throw new UnhandledDtypeException("Cannot append " + item.dtype() + " to " + symbol + " stored as "
                    + prevDtype + ": structured and plain arrays do not mix");
        }
        SegmentIndex prevIndex = previous.get("segment_index") instanceof Binary b ? SegmentIndex.parse(b.getData())
                : null;
        checkOverlap(symbol, item, prevIndex);

        Document doc = new Document("_id", id).append("arctic_version", ItemWriter.ARCTIC_VERSION)
                .append("symbol", symbol);
        if (metadata != null) {
            doc.append("metadata", metadata);
        } else if (previous.containsKey("metadata")) {
            doc.append("metadata", previous.get("metadata"));
        }
        long prevUpTo = BsonInts.toLong(previous.get("up_to"), "up_to");
        String newDtype = prevUpTo == 0 ? item.dtype() : ItemCodec.promote(prevDtype, item.dtype());
        byte[] rows = newDtype.equals(item.dtype()) ? item.rows()
                : ItemCodec.convertRows(item.rows(), item.rowCount(), item.dtype(), newDtype);
        try {
            if (!newDtype.equals(prevDtype) || "ENABLED".equals(previous.getString("FW_POINTERS_CONFIG"))) {
                rewriteAll(doc, symbol, item, previous, newDtype, rows);
            } else {
                appendRows(doc, symbol, item, previous, rows, dirty, prevIndex);
            }
            if (prune) {
                pruner.prune(symbol, Pruner.KEEP_MINS, doc.getObjectId("base_version_id"), null);
            }
            doc.append("version", next);
            versions.insert(doc);
        } catch (RuntimeException e) {
            segments.discard(symbol, id);
            throw e;
        }
        return new Result(next, doc.get("metadata", Document.class));
    }

    private static List<Integer> shapeOf(Document version) {
        List<Integer> out = new ArrayList<>();
        for (Object o : version.getList("shape", Object.class, List.of(-1))) {
            out.add(BsonInts.toInt(o, "shape"));
        }
        return out;
    }

    /** The dtype widened: read everything, widen, concatenate and write it all compressed into this version. */
    private void rewriteAll(Document doc, String symbol, EncodedItem item, Document previous, String newDtype,
                            byte[] newRows) {
        int prevRowSize = ItemCodec.rowSize(previous.getString("dtype"), shapeOf(previous));
        long prevUpTo = BsonInts.toLong(previous.get("up_to"), "up_to");
        byte[] old = prevUpTo == 0 ? new byte[0]
                : reader.read(previous, prevRowSize, null, prevUpTo, true).bytes();
        byte[] widened = prevUpTo == 0 || newDtype.equals(previous.getString("dtype")) ? old
                : ItemCodec.convertRows(old, (int) prevUpTo, previous.getString("dtype"), newDtype);
        byte[] all = concat(widened, newRows);
        int rowSize = ItemCodec.rowSize(newDtype, item.shape());
        int rowCount = (int) (prevUpTo + item.rowCount());
        CompletableFuture<byte[]> sha = TypedWrite.shaAsync(all);
        doc.append("type", item.type()).append("FW_POINTERS_CONFIG", "DISABLED").append("dtype", newDtype)
                .append("dtype_metadata", item.dtypeMetadata()).append("up_to", rowCount).append("sha", null)
                .append("base_sha", null);
        int dtOffset = "ndarray".equals(item.type()) ? -1 : ItemCodec.datetimeFieldOffset(newDtype);
        int count = typed.write(doc, symbol, new TypedWrite.Rows(all, rowCount, rowSize, dtOffset), 0, true, null);
        Binary digest = new Binary(sha.join());
        doc.put("sha", digest);
        doc.put("base_sha", digest);
        segments.checkWritten(symbol, doc.getObjectId("_id"), count);
    }

    /** Same dtype: Arctic's {@code _do_append}. */
    private void appendRows(Document doc, String symbol, EncodedItem item, Document previous, byte[] rows,
                            boolean dirty, SegmentIndex prevIndex) {
        long prevUpTo = BsonInts.toLong(previous.get("up_to"), "up_to");
        int n = item.rowCount();
        long upTo = prevUpTo + n;
        Object baseSha = previous.containsKey("base_sha") ? previous.get("base_sha") : new Binary(new byte[0]);
        long segCount = BsonInts.toLong(previous.get("segment_count"), "segment_count", 0) + (n > 0 ? 1 : 0);
        long appCount = BsonInts.toLong(previous.get("append_count"), "append_count", 0) + (n > 0 ? 1 : 0);
        long appSize = BsonInts.toLong(previous.get("append_size"), "append_size", 0) + rows.length;
        doc.append("type", previous.getString("type"))
                .append("FW_POINTERS_CONFIG", "DISABLED")
                .append("dtype", previous.getString("dtype"))
                .append("dtype_metadata", previous.get("dtype_metadata"))
                .append("base_sha", baseSha)
                .append("up_to", BsonInts.py(upTo))
                .append("segment_count", BsonInts.py(segCount))
                .append("append_count", BsonInts.py(appCount))
                .append("append_size", BsonInts.py(appSize));
        if (!dirty && appCount < APPEND_COUNT && appSize < APPEND_SIZE) {
            ObjectId base = SegmentReader.baseOrId(previous);
            doc.append("base_version_id", base);
            if (n > 0) {
                if (!segments.writeUncompressed(symbol, base, rows, upTo - 1)) {
                    concatAndRewrite(doc, symbol, item, previous, rows, prevIndex);
                    return;
                }
                if (prevIndex != null) {
                    int dtOffset = ItemWriter.indexOffset(item);
                    if (dtOffset < 0) {
                        throw new ArcticException(
                                "Could not find datetime64 index in item but existing data contains one");
                    }
                    SegmentIndex added = SegmentIndex.forSegments(rows, item.rowSize(), dtOffset, prevUpTo,
                            new long[] {upTo - 1});
                    doc.append("segment_index", new Binary(prevIndex.before(prevUpTo).concat(added).toBytes()));
                }
            } else if (previous.containsKey("segment_index")) {
                doc.append("segment_index", previous.get("segment_index"));
            }
            return;
        }
        concatAndRewrite(doc, symbol, item, previous, rows, prevIndex);
    }

    /**
     * Keeps the leading compressed segments (minus the last if uncompressed ones follow), re-reads the rest, and
     * writes it plus the new rows compressed, all owned by this version.
     */
    private void concatAndRewrite(Document doc, String symbol, EncodedItem item, Document previous, byte[] rows,
                                  SegmentIndex prevIndex) {
        doc.remove("base_version_id");
        long prevUpTo = BsonInts.toLong(previous.get("up_to"), "up_to");
        List<Document> kept = new ArrayList<>();
        for (Document s : c.segments().find(new Document("symbol", symbol)
                        .append("parent", SegmentReader.baseOrId(previous))
                        .append("segment", new Document("$lt", BsonInts.py(prevUpTo))))
                .projection(Projections.include("_id", "segment", "compressed"))
                .sort(Sorts.ascending("segment"))) {
            if (!Boolean.TRUE.equals(s.getBoolean("compressed"))) {
                if (!kept.isEmpty()) {
                    kept.remove(kept.size() - 1);
                }
                break;
            }
            kept.add(s);
        }
        long from = kept.isEmpty() ? 0 : BsonInts.toLong(kept.get(kept.size() - 1).get("segment"), "segment") + 1;
        int rowSize = item.rowSize();
        byte[] old = from >= prevUpTo ? new byte[0] : reader.read(previous, rowSize, from, prevUpTo, false).bytes();
        byte[] all = concat(old, rows);
        int rowCount = all.length / rowSize;
        doc.remove("segment_index");
        int written = typed.write(doc, symbol, new TypedWrite.Rows(all, rowCount, rowSize,
                ItemWriter.indexOffset(item)), from, true, prevIndex);
        if (!kept.isEmpty()) {
            List<ObjectId> ids = new ArrayList<>();
            for (Document s : kept) {
                ids.add(s.getObjectId("_id"));
            }
            c.segments().updateMany(new Document("symbol", symbol).append("_id", new Document("$in", ids)),
                    new Document("$addToSet", new Document("parent", doc.getObjectId("_id"))));
        }
        int total = written + kept.size();
        doc.put("segment_count", total);
        segments.checkWritten(symbol, doc.getObjectId("_id"), total);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        if (a.length == 0) {
            return b;
        }
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Appended rows must be sorted by a datetime index and hold no NaT (checked before any I/O). */
    private static void checkIndexOrder(String symbol, EncodedItem item) {
        if (!hasDatetimeIndex(item)) {
            return;
        }
        ByteBuffer buf = ByteBuffer.wrap(item.rows()).order(ByteOrder.LITTLE_ENDIAN);
        long prev = Long.MIN_VALUE;
        for (int i = 0; i < item.rowCount(); i++) {
            long ts = buf.getLong(i * item.rowSize());
            if (ts == Long.MIN_VALUE) {
                throw new UnorderedDataException("Cannot append to " + symbol + ": row " + i
                        + " has a NaT index value");
            }
            if (ts < prev) {
                throw new UnorderedDataException("Cannot append to " + symbol + ": the index is not sorted (row " + i
                        + " at " + Instant.EPOCH.plusNanos(ts) + " comes before row " + (i - 1) + " at "
                        + Instant.EPOCH.plusNanos(prev) + ")");
            }
            prev = ts;
        }
    }

    /** The first appended row must not start before the last stored row (read from segment_index, no data). */
    private static void checkOverlap(String symbol, EncodedItem item, SegmentIndex prevIndex) {
        if (!hasDatetimeIndex(item) || prevIndex == null || prevIndex.size() == 0 || item.rowCount() == 0) {
            return;
        }
        long last = prevIndex.datetimes()[prevIndex.size() - 1];
        long first = ByteBuffer.wrap(item.rows()).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        if (first < last) {
            throw new OverlappingDataException("Cannot append to " + symbol + ": the new rows start at "
                    + Instant.EPOCH.plusNanos(first) + ", before the last stored row at " + Instant.EPOCH.plusNanos(last));
        }
    }

    /** A pandas item whose first field (the index, level 0) is a datetime. */
    private static boolean hasDatetimeIndex(EncodedItem item) {
        return !"ndarray".equals(item.type()) && item.datetimeFieldOffset() == 0;
    }
}
