package io.github.arcticasync.store.internal.mongo;

import com.mongodb.client.model.Sorts;
import io.github.arcticasync.store.DataIntegrityException;
import io.github.arcticasync.store.DateRange;
import io.github.arcticasync.store.UnreadableItem;
import io.github.arcticasync.store.internal.codec.ItemCodec;
import io.github.arcticasync.store.internal.codec.Lz4Blocks;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * Turns a resolved version document into its value (arctic-format.md §2.12, §4.2-4.4): segment reads (only the
 * segments a date range needs), row filtering, decoding, inline BSON values, and pickles as {@link UnreadableItem}.
 */
final class ItemReader {
    private static final Set<String> PANDAS = Set.of("pandasdf", "pandasseries");

    private final LibraryCollections c;
    private final SegmentReader segments;

    ItemReader(LibraryCollections c, SegmentReader segments) {
        this.c = c;
        this.segments = segments;
    }

    /** Reads the value of {@code version}; {@code fromRow} (a from_version's up_to) may be null. */
    Object read(Document version, DateRange range, Long fromRow) {
        String type = version.getString("type");
        if ("default".equals(type)) {
            return readDefault(version);
        }
        if (!"ndarray".equals(type) && !PANDAS.contains(type)) {
            return UnreadableItem.of(String.valueOf(type), "Arctic type '" + type + "' is not supported by Java",
                    null);
        }
        String dtype = version.getString("dtype");
        List<Integer> shape = new ArrayList<>();
        for (Object o : version.getList("shape", Object.class, List.of(-1))) {
            shape.add(BsonInts.toInt(o, "shape"));
        }
        int rowSize = ItemCodec.rowSize(dtype, shape);
        long upTo = BsonInts.toLong(version.get("up_to"), "up_to");
        Document dtypeMetadata = version.get("dtype_metadata") instanceof Document d ? d : new Document();
        boolean pandas = PANDAS.contains(type);
        int dtOffset = pandas ? ItemCodec.datetimeFieldOffset(dtype) : -1;
        byte[] rows;
        int rowCount;
        if (range != null && pandas) {
            long start = range.closedStartNanos();
            long end = range.closedEndNanos();
            Long from = null;
            long to = upTo;
            boolean none = false;
            if (version.get("segment_index") instanceof Binary b) {
                SegmentIndex index = SegmentIndex.parse(b.getData());
                if (dtOffset >= 0 && index.size() > 0) {
                    long[] bounds = index.segmentRange(start, end);
                    if (bounds == null) {
                        none = true;
                    } else {
                        from = bounds[0];
                        to = Math.min(bounds[1], upTo);
                    }
                }
            }
            SegmentReader.Rows read = none ? new SegmentReader.Rows(new byte[0], 0)
                    : segments.read(version, rowSize, from, to, from == null);
            rows = read.bytes();
            rowCount = read.rowCount();
            if (dtOffset >= 0) {
                byte[] kept = filter(rows, rowCount, rowSize, dtOffset, start, end);
                rows = kept;
                rowCount = kept.length / rowSize;
            }
        } else {
            SegmentReader.Rows read = segments.read(version, rowSize, fromRow, upTo, fromRow == null);
            rows = read.bytes();
            rowCount = read.rowCount();
            if (fromRow == null && rowCount != upTo) {
                throw new DataIntegrityException("version " + version.get("version") + " of "
                        + version.getString("symbol") + " should hold " + upTo + " rows but its segments hold "
                        + rowCount);
            }
        }
        return ItemCodec.decode(type, dtype, dtypeMetadata, shape, rows, rowCount);
    }

    private static byte[] filter(byte[] rows, int rowCount, int rowSize, int dtOffset, long start, long end) {
        ByteBuffer buf = ByteBuffer.wrap(rows).order(ByteOrder.LITTLE_ENDIAN);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int runStart = -1;
        for (int i = 0; i <= rowCount; i++) {
            boolean in = i < rowCount && inRange(buf.getLong(i * rowSize + dtOffset), start, end);
            if (in && runStart < 0) {
                runStart = i;
            } else if (!in && runStart >= 0) {
                out.write(rows, runStart * rowSize, (i - runStart) * rowSize);
                runStart = -1;
            }
        }
        return out.toByteArray();
    }

    private static boolean inRange(long ts, long start, long end) {
        return ts != Long.MIN_VALUE && ts >= start && ts <= end;
    }

    private Object readDefault(Document version) {
        if (!version.containsKey("blob")) {
            return BsonValues.toJava(version.get("data"));
        }
        Object blob = version.get("blob");
        String reason = "a pickled Python object; Java cannot unpickle it";
        try {
            if (blob instanceof Binary b) {
                return UnreadableItem.of("default", reason, Lz4Blocks.decompress(b.getData()));
            }
            List<byte[]> pieces = new ArrayList<>();
            for (Document s : c.segments().find(new Document("symbol", version.getString("symbol"))
                    .append("parent", SegmentReader.baseOrId(version))).sort(Sorts.ascending("segment"))) {
                pieces.add(s.get("data", Binary.class).getData());
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if ("__chunked__V2".equals(blob)) {
                for (byte[] p : pieces) {
                    out.writeBytes(Lz4Blocks.decompress(p));
                }
                return UnreadableItem.of("default", reason, out.toByteArray());
            }
            if ("__chunked__".equals(blob)) {
                for (byte[] p : pieces) {
                    out.writeBytes(p);
                }
                return UnreadableItem.of("default", reason, Lz4Blocks.decompress(out.toByteArray()));
            }
            return UnreadableItem.of("default", "an unknown pickle store format '" + blob + "'", null);
        } catch (RuntimeException e) {
            return UnreadableItem.of("default", reason + " (and its bytes could not be read: " + e.getMessage()
                    + ")", null);
        }
    }
}
