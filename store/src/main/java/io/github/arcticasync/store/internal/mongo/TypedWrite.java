package io.github.arcticasync.store.internal.mongo;

import java.util.concurrent.CompletableFuture;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;

/**
 * Arctic's {@code _do_write} (arctic-format.md §2.10 step 5, §2.11 rewrite): writes packed rows as compressed
 * segments owned by the new version and fills the version document's segment fields.
 */
final class TypedWrite {
    private final SegmentWriter segments;

    TypedWrite(SegmentWriter segments) {
        this.segments = segments;
    }

    /** Rows to write and how to index them. */
    record Rows(byte[] bytes, int rowCount, int rowSize, int datetimeOffset) {
    }

    /**
     * Writes {@code rows} as rows {@code offset ..} of the version {@code doc} and sets {@code segment_index},
     * {@code segment_count}, {@code append_size} and {@code append_count}. {@code existingIndex} (entries before
     * {@code offset}) is kept in front of the new entries. Returns the number of segments written.
     */
    int write(Document doc, String symbol, Rows rows, long offset, boolean previousExists,
              SegmentIndex existingIndex) {
        ObjectId id = doc.getObjectId("_id");
        long[] numbers = segments.writeCompressed(symbol, id, rows.bytes, rows.rowSize, rows.rowCount, offset,
                previousExists);
        if (rows.datetimeOffset >= 0) {
            SegmentIndex fresh = SegmentIndex.forSegments(rows.bytes, rows.rowSize, rows.datetimeOffset, offset,
                    numbers);
            SegmentIndex index = existingIndex == null || offset == 0 ? fresh : existingIndex.before(offset)
                    .concat(fresh);
            doc.put("segment_index", new Binary(index.toBytes()));
        } else if (existingIndex != null && existingIndex.size() > 0) {
            throw new io.github.arcticasync.store.ArcticException(
                    "Could not find datetime64 index in item but existing data contains one");
        }
        doc.put("segment_count", numbers.length);
        doc.put("append_size", 0);
        doc.put("append_count", 0);
        return numbers.length;
    }

    /** Starts the whole-version SHA-1 while segments are compressed and sent. */
    static CompletableFuture<byte[]> shaAsync(byte[] rows) {
        return CompletableFuture.supplyAsync(() -> Hashes.rowsSha(rows, 0, rows.length));
    }
}
