package io.github.arcticasync.store.internal.mongo;

import io.github.arcticasync.store.ArcticSerializationException;
import io.github.arcticasync.store.internal.codec.Lz4Blocks;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Arctic's {@code segment_index} (arctic-format.md §3.6): per segment, the datetime of its last row and its segment
 * number, as LZ4-framed {@code [('datetime', '<M8[ns]'), ('index', '<i8')]} records.
 *
 * @param datetimes last-row datetime of each segment, in segment order
 * @param segments  segment numbers (last row index), ascending
 */
record SegmentIndex(long[] datetimes, long[] segments) {
    private static final int ENTRY = 16;

    static final SegmentIndex EMPTY = new SegmentIndex(new long[0], new long[0]);

    static SegmentIndex parse(byte[] framed) {
        byte[] raw = Lz4Blocks.decompress(framed);
        if (raw.length % ENTRY != 0) {
            throw new ArcticSerializationException("segment_index holds " + raw.length
                    + " bytes, not a multiple of 16");
        }
        int n = raw.length / ENTRY;
        ByteBuffer buf = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        long[] dts = new long[n];
        long[] segs = new long[n];
        for (int i = 0; i < n; i++) {
            dts[i] = buf.getLong(i * ENTRY);
            segs[i] = buf.getLong(i * ENTRY + 8);
        }
        return new SegmentIndex(dts, segs);
    }

    /**
     * Entries for new segments of {@code rows} (whose first row is row {@code start} of the version), read from the
     * datetime field at {@code dtOffset}.
     */
    static SegmentIndex forSegments(byte[] rows, int rowSize, int dtOffset, long start, long[] newSegments) {
        ByteBuffer buf = ByteBuffer.wrap(rows).order(ByteOrder.LITTLE_ENDIAN);
        long[] dts = new long[newSegments.length];
        for (int i = 0; i < newSegments.length; i++) {
            long row = newSegments[i] - start;
            dts[i] = buf.getLong(Math.toIntExact(row * rowSize + dtOffset));
        }
        return new SegmentIndex(dts, newSegments.clone());
    }

    int size() {
        return segments.length;
    }

    /** Keeps the entries of segments ending before row {@code start} (what a rewrite from {@code start} keeps). */
    SegmentIndex before(long start) {
        int n = 0;
        while (n < segments.length && segments[n] < start) {
            n++;
        }
        return new SegmentIndex(Arrays.copyOf(datetimes, n), Arrays.copyOf(segments, n));
    }

    SegmentIndex concat(SegmentIndex more) {
        long[] d = Arrays.copyOf(datetimes, datetimes.length + more.datetimes.length);
        long[] s = Arrays.copyOf(segments, segments.length + more.segments.length);
        System.arraycopy(more.datetimes, 0, d, datetimes.length, more.datetimes.length);
        System.arraycopy(more.segments, 0, s, segments.length, more.segments.length);
        return new SegmentIndex(d, s);
    }

    byte[] toBytes() {
        ByteBuffer buf = ByteBuffer.allocate(segments.length * ENTRY).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < segments.length; i++) {
            buf.putLong(datetimes[i]).putLong(segments[i]);
        }
        return Lz4Blocks.compress(buf.array());
    }

    /**
     * The segment bounds {@code [from, to)} that a closed date range needs (arctic-format.md §4.3 step 2), or null
     * when no segment can hold a matching row.
     */
    long[] segmentRange(long start, long end) {
        int n = segments.length;
        if (start > datetimes[n - 1]) {
            return null;
        }
        int i0 = Math.min(searchLeft(start), n - 1);
        int i1 = Math.min(searchRight(end), n - 1);
        return new long[] {segments[i0], segments[i1] + 1};
    }

    private int searchLeft(long v) {
        int lo = 0;
        int hi = datetimes.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (datetimes[mid] < v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private int searchRight(long v) {
        int lo = 0;
        int hi = datetimes.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (datetimes[mid] <= v) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
