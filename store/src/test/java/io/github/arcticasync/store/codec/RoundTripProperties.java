package io.github.arcticasync.store.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.arcticasync.store.DataFrame;
import io.github.arcticasync.store.DateRange;
import io.github.arcticasync.store.NdArray;
import io.github.arcticasync.store.Series;
import io.github.arcticasync.store.internal.codec.EncodedItem;
import io.github.arcticasync.store.internal.codec.ItemCodec;
import io.github.arcticasync.store.internal.codec.Lz4Blocks;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** Random frames, series and arrays survive encode -> LZ4 -> decode unchanged. */
class RoundTripProperties {
    private static final double[] SPECIAL = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0,
        0.0, Double.MIN_VALUE, Double.MAX_VALUE, 1e300};
    private static final String[] WORDS = {"", "a", "é", "€uro", "日本語", "😀x", "tab\there", "'quote\"", "long text"};

    @Property(tries = 300)
    void framesRoundTrip(@ForAll("frames") DataFrame df) {
        EncodedItem e = ItemCodec.encode(df);
        assertThat(e.rows()).hasSize(e.rowCount() * e.rowSize());
        byte[] stored = Lz4Blocks.decompress(Lz4Blocks.compress(e.rows()));
        Object back = ItemCodec.decode(e.type(), e.dtype(), e.dtypeMetadata(), e.shape(), stored, e.rowCount());
        assertThat(back).isEqualTo(df);
        assertThat(back.hashCode()).isEqualTo(df.hashCode());
        assertThat(ItemCodec.rowSize(e.dtype(), e.shape())).isEqualTo(e.rowSize());
        assertThat(ItemCodec.datetimeFieldOffset(e.dtype())).isEqualTo(e.datetimeFieldOffset());
    }

    @Property(tries = 100)
    void seriesRoundTrip(@ForAll("frames") DataFrame df) {
        if (df.columnNames().isEmpty()) {
            return;
        }
        String name = df.columnNames().get(0);
        Series s = Series.of(name, df.indexNanos(), df.indexTimezone(), df.column(name));
        EncodedItem e = ItemCodec.encode(s);
        assertThat(ItemCodec.decode(e.type(), e.dtype(), e.dtypeMetadata(), e.shape(), e.rows(), e.rowCount()))
                .isEqualTo(s);
    }

    @Property(tries = 200)
    void arraysRoundTrip(@ForAll @IntRange(min = 0, max = 6) int rows, @ForAll @IntRange(min = 1, max = 4) int cols,
                         @ForAll long seed) {
        Random r = new Random(seed);
        Object flat = randomColumn(r, r.nextInt(10), rows * cols);
        NdArray a = cols == 1 ? NdArray.of(flat, rows) : NdArray.of(flat, rows, cols);
        EncodedItem e = ItemCodec.encode(a);
        assertThat(e.rowSize() * e.rowCount()).isEqualTo(e.rows().length);
        assertThat(ItemCodec.decode(e.type(), e.dtype(), e.dtypeMetadata(), e.shape(), e.rows(), e.rowCount()))
                .isEqualTo(a);
    }

    @Property(tries = 200)
    void lz4RoundTrips(@ForAll @Size(max = 5000) byte[] raw) {
        assertThat(Lz4Blocks.decompress(Lz4Blocks.compress(raw))).isEqualTo(raw);
    }

    @Property(tries = 200)
    void sliceKeepsExactlyTheRowsInsideArcticsClosedBounds(@ForAll("frames") DataFrame df, @ForAll long a,
                                                           @ForAll long b, @ForAll DateRange.Interval kind) {
        long[] idx = df.indexNanos();
        if (idx == null) {
            return;
        }
        long lo = Math.min(a % 1_000_000_000_000L, b % 1_000_000_000_000L);
        long hi = Math.max(a % 1_000_000_000_000L, b % 1_000_000_000_000L);
        DateRange range = DateRange.ofNanos(lo, hi, kind);
        DataFrame part = df.slice(range);
        long from = kind.startClosed() ? lo : lo + 1_000_000;
        long to = kind.endClosed() ? hi : hi - 1_000_000;
        List<Long> expected = new ArrayList<>();
        for (long v : idx) {
            if (v >= from && v <= to) {
                expected.add(v);
            }
        }
        assertThat(part.indexNanos()).containsExactly(expected.stream().mapToLong(Long::longValue).toArray());
        assertThat(part.columnNames()).isEqualTo(df.columnNames());
    }

    @Provide
    Arbitrary<DataFrame> frames() {
        return Combinators.combine(Arbitraries.integers().between(0, 40), Arbitraries.integers().between(0, 4),
                Arbitraries.longs()).as(RoundTripProperties::randomFrame);
    }

    static DataFrame randomFrame(int rows, int indexKind, long seed) {
        Random r = new Random(seed);
        DataFrame.Builder b = DataFrame.builder();
        if (indexKind >= 1) {
            long[] idx = new long[rows];
            long t = r.nextLong() % 500_000_000_000L;
            for (int i = 0; i < rows; i++) {
                t += r.nextInt(3) * 1_000_000L + r.nextInt(2);
                idx[i] = t;
            }
            b.datetimeIndex(idx, indexKind == 2 ? "America/New_York" : null);
            if (r.nextBoolean()) {
                b.indexName("date");
            }
            if (indexKind == 3) {
                b.indexLevel(r.nextBoolean() ? "sym" : null, randomColumn(r, 7, rows));
            }
            if (indexKind == 4) {
                b.indexLevel("n", randomColumn(r, 2, rows));
            }
        }
        int cols = r.nextInt(6);
        for (int c = 0; c < cols; c++) {
            String name = c == 0 && r.nextBoolean() ? "naïve 'col' " + c : "c" + c;
            int type = r.nextInt(10);
            Object values = randomColumn(r, type, rows);
            if (type == 9) {
                b.datetimeColumn(name, (long[]) values);
            } else {
                b.column(name, values, io.github.arcticasync.store.internal.codec.ColumnArrays
                        .inferDtype(values, name).str());
            }
        }
        return b.build();
    }

    static Object randomColumn(Random r, int type, int n) {
        switch (type) {
            case 0: {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = r.nextInt(4) == 0 ? SPECIAL[r.nextInt(SPECIAL.length)] : r.nextGaussian() * 1e6;
                }
                return v;
            }
            case 1: {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = r.nextInt(5) == 0 ? Float.NaN : r.nextFloat();
                }
                return v;
            }
            case 2:
            case 9: {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    v[i] = r.nextInt(6) == 0 ? Long.MIN_VALUE : r.nextLong();
                }
                return v;
            }
            case 3: {
                int[] v = new int[n];
                for (int i = 0; i < n; i++) {
                    v[i] = r.nextInt();
                }
                return v;
            }
            case 4: {
                short[] v = new short[n];
                for (int i = 0; i < n; i++) {
                    v[i] = (short) r.nextInt();
                }
                return v;
            }
            case 5: {
                byte[] v = new byte[n];
                r.nextBytes(v);
                return v;
            }
            case 6: {
                boolean[] v = new boolean[n];
                for (int i = 0; i < n; i++) {
                    v[i] = r.nextBoolean();
                }
                return v;
            }
            case 7: {
                String[] v = new String[n];
                for (int i = 0; i < n; i++) {
                    v[i] = WORDS[r.nextInt(WORDS.length)] + (r.nextBoolean() ? "" : WORDS[r.nextInt(WORDS.length)]);
                }
                return v;
            }
            default: {
                byte[][] v = new byte[n][];
                for (int i = 0; i < n; i++) {
                    v[i] = new byte[r.nextInt(6)];
                    r.nextBytes(v[i]);
                    if (v[i].length > 0 && v[i][v[i].length - 1] == 0) {
                        v[i][v[i].length - 1] = 1; // numpy strips trailing NULs, so they cannot round-trip
                    }
                }
                return v;
            }
        }
    }
}
