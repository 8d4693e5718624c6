package io.github.arcticasync.store.internal.mongo;

import io.github.arcticasync.store.UnhandledDtypeException;
import io.github.arcticasync.store.internal.codec.EncodedItem;
import io.github.arcticasync.store.internal.codec.ItemCodec;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;

/**
 * Arctic's {@code VersionStore.write} (arctic-format.md §2.10): a version number, the previous version, the
 * segments, pruning, and the version document inserted last, so a failed write never shows a new version.
 */
final class ItemWriter {
    /** {@code arctic_version} of the format we emulate: 1.83.1. */
    static final int ARCTIC_VERSION = 1083001;
    /** {@code MAX_BSON_ENCODE}: the largest {@code {data: value}} document stored inline. */
    static final int MAX_BSON_ENCODE = 256 * 1024;

    private final LibraryCollections c;
    private final Clock clock;
    private final VersionNumbers numbers;
    private final VersionDocuments versions;
    private final SegmentWriter segments;
    private final TypedWrite typed;
    private final Pruner pruner;
    private final QuotaCheck quota;

    ItemWriter(LibraryCollections c, Clock clock, VersionNumbers numbers, VersionDocuments versions,
               SegmentWriter segments, Pruner pruner, QuotaCheck quota) {
        this.c = c;
        this.clock = clock;
        this.numbers = numbers;
        this.versions = versions;
        this.segments = segments;
        this.typed = new TypedWrite(segments);
        this.pruner = pruner;
        this.quota = quota;
    }

    /** What a write stores: a typed item (segments) or an inline {@code default} value. */
    record Prepared(EncodedItem item, Object inline) {
    }

    /** Encodes before any I/O, so bad input fails without burning a version number. */
    static Prepared prepare(String symbol, Object data) {
        if (data != null && ItemCodec.canEncode(data)) {
            Symbols.checkAsciiForChunks(symbol);
            return new Prepared(ItemCodec.encode(data), null);
        }
        if (data == null) {
            return new Prepared(null, null);
        }
        if (!(data instanceof Map || data instanceof Collection || data instanceof String
                || data instanceof Number || data instanceof Boolean || data instanceof java.time.Instant
                || data instanceof byte[])) {
            throw new UnhandledDtypeException("Cannot store a " + data.getClass().getName() + " for " + symbol
                    + ": write a DataFrame, Series, NdArray, or a BSON value (Map, List, String, number, boolean)");
        }
        int size;
        try {
            size = BsonValues.encodedSize(new Document("data", data), "data for " + symbol);
        } catch (IllegalArgumentException e) {
            throw new UnhandledDtypeException(e.getMessage(), e);
        }
        if (size >= MAX_BSON_ENCODE) {
            throw new UnhandledDtypeException("The BSON value for " + symbol + " is " + size
                    + " bytes; Arctic stores values of at least " + MAX_BSON_ENCODE
                    + " bytes as Python pickles, which Java cannot write");
        }
        return new Prepared(null, data);
    }

    /** Writes and returns the new version number. */
    int write(String symbol, Prepared p, Document metadata, boolean prune) {
        quota.check();
        ObjectId id = ObjectIds.next(clock);
        int version = numbers.next(symbol, true);
        Document previous = versions.before(symbol, version);
        Document doc = new Document("_id", id).append("arctic_version", ARCTIC_VERSION).append("symbol", symbol)
                .append("version", version).append("metadata", metadata);
        try {
            if (p.item() != null) {
                writeTyped(doc, symbol, p.item(), previous != null);
            } else {
                doc.append("type", "default").append("data", p.inline());
            }
            if (prune && previous != null) {
                pruner.prune(symbol, Pruner.KEEP_MINS, null, null);
            }
            versions.insert(doc);
        } catch (RuntimeException e) {
            if (p.item() != null) {
                segments.discard(symbol, id);
            }
            throw e;
        }
        return version;
    }

    /** The fields and segments of a full write of {@code item} into {@code doc}. */
    void writeTyped(Document doc, String symbol, EncodedItem item, boolean previousExists) {
        CompletableFuture<byte[]> sha = TypedWrite.shaAsync(item.rows());
        doc.append("dtype", item.dtype()).append("shape", item.shape()).append("dtype_metadata",
                        item.dtypeMetadata()).append("type", item.type()).append("up_to", item.rowCount())
                .append("sha", null).append("FW_POINTERS_CONFIG", "DISABLED").append("base_sha", null);
        int count = typed.write(doc, symbol, rowsOf(item), 0, previousExists, null);
        Binary digest = new Binary(sha.join());
        doc.put("sha", digest);
        doc.put("base_sha", digest);
        segments.checkWritten(symbol, doc.getObjectId("_id"), count);
    }

    static TypedWrite.Rows rowsOf(EncodedItem item) {
        return new TypedWrite.Rows(item.rows(), item.rowCount(), item.rowSize(), indexOffset(item));
    }

    /** Only pandas versions get a segment_index (arctic-format.md §3.6). */
    static int indexOffset(EncodedItem item) {
        return "ndarray".equals(item.type()) ? -1 : item.datetimeFieldOffset();
    }

    LibraryCollections collections() {
        return c;
    }
}
