package io.github.arcticasync.store.internal.mongo;

import com.mongodb.client.model.Projections;
import io.github.arcticasync.store.ArcticSerializationException;
import io.github.arcticasync.store.DataIntegrityException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;

/**
 * Reads the segments of a version (arctic-format.md §2.12, §2.13) with a projection, sorts them client-side and
 * decompresses them straight into one preallocated array of packed rows.
 */
final class SegmentReader {
    /**
     * Segments hold at most ~2 MiB each, so 16 keep a reply under 48 MB: servers that answer a find in a single
     * batch when the client names no batch size (mongo-java-server) otherwise fail reads of large symbols with
     * "reply message length ... is greater than the maximum message length".
     */
    private static final int SEGMENTS_PER_BATCH = 16;

    private final LibraryCollections c;

    SegmentReader(LibraryCollections c) {
        this.c = c;
    }

    /** The packed rows of a version. */
    record Rows(byte[] bytes, int rowCount) {
    }

    private record Segment(long number, byte[] data, boolean compressed) {
    }

    /**
     * Reads segments {@code fromSegment <= segment < toSegment} of {@code version} ({@code fromSegment} null = from
     * the start); {@code full} also verifies {@code segment_count}.
     */
    Rows read(Document version, int rowSize, Long fromSegment, long toSegment, boolean full) {
        String symbol = version.getString("symbol");
        Document segmentBounds = new Document("$lt", BsonInts.py(toSegment));
        if (fromSegment != null) {
            segmentBounds.append("$gte", BsonInts.py(fromSegment));
        }
        Document filter = new Document("symbol", symbol);
        String config = version.getString("FW_POINTERS_CONFIG");
        if ("ENABLED".equals(config)) {
            List<?> shas = version.getList("SEGMENT_SHAS", Object.class, List.of());
            filter.append("sha", new Document("$in", shas));
            if (!full) {
                filter.append("segment", segmentBounds);
            }
        } else {
            // DISABLED, missing (pre-2018) and HYBRID (read by a DISABLED reader) all use parent pointers.
            filter.append("segment", segmentBounds).append("parent", baseOrId(version));
        }
        List<Segment> segments = new ArrayList<>();
        for (Document d : c.segments().find(filter)
                .batchSize(SEGMENTS_PER_BATCH)
                .projection(Projections.fields(Projections.include("data", "compressed", "segment"),
                        Projections.excludeId()))) {
            Object data = d.get("data");
            if (!(data instanceof Binary b)) {
                throw new ArcticSerializationException("segment " + d.get("segment") + " of " + symbol
                        + " has no binary data");
            }
            segments.add(new Segment(BsonInts.toLong(d.get("segment"), "segment"), b.getData(),
                    Boolean.TRUE.equals(d.getBoolean("compressed"))));
        }
        segments.sort(Comparator.comparingLong(Segment::number));
        if (full) {
            long expected = BsonInts.toLong(version.get("segment_count"), "segment_count", segments.size());
            if (segments.size() != expected) {
                throw new DataIntegrityException("Incorrect number of segments returned for " + symbol + " in "
                        + c.name().canonicalName() + ": " + segments.size() + " != " + expected);
            }
        }
        long total = 0;
        for (Segment s : segments) {
            total += s.compressed ? SegmentCompression.announcedLength(s.data) : s.data.length;
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new ArcticSerializationException(symbol + " holds " + total + " bytes, too large for one array");
        }
        if (rowSize > 0 && total % rowSize != 0) {
            throw new DataIntegrityException("segments of " + symbol + " hold " + total
                    + " bytes, not a whole number of " + rowSize + "-byte rows");
        }
        byte[] out = new byte[(int) total];
        int off = 0;
        for (Segment s : segments) {
            if (s.compressed) {
                off += SegmentCompression.decompressInto(s.data, out, off);
            } else {
                System.arraycopy(s.data, 0, out, off, s.data.length);
                off += s.data.length;
            }
        }
        return new Rows(out, rowSize > 0 ? (int) (total / rowSize) : 0);
    }

    static ObjectId baseOrId(Document version) {
        ObjectId base = version.getObjectId("base_version_id");
        return base != null ? base : version.getObjectId("_id");
    }
}
