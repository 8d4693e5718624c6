package io.github.arcticasync.bench;

import io.github.arcticasync.store.DataFrame;
import java.util.SplittableRandom;

/**
 * Benchmark data: a DataFrame with a datetime index (one row per second from 2020-01-01 UTC) and four float64
 * columns holding seeded random walks, like prices: realistic for LZ4, which finds little to compress in them.
 */
public final class Frames {

    /** Bytes of one stored row: the int64 index plus four float64 columns. */
    public static final int ROW_BYTES = 8 + 4 * 8;
    public static final long START_NANOS = 1_577_836_800_000_000_000L;
    public static final long STEP_NANOS = 1_000_000_000L;

    private Frames() {
    }

    public static DataFrame prices(int rows, long seed) {
        if (rows < 1) {
            throw new IllegalArgumentException("rows must be at least 1, was " + rows);
        }
        long[] index = new long[rows];
        for (int i = 0; i < rows; i++) {
            index[i] = START_NANOS + i * STEP_NANOS;
        }
        SplittableRandom random = new SplittableRandom(seed);
        var builder = DataFrame.builder().datetimeIndex(index).indexName("date");
        for (String name : new String[] {"open", "high", "low", "close"}) {
            double[] values = new double[rows];
            double v = 100;
            for (int i = 0; i < rows; i++) {
                v += random.nextDouble(-0.05, 0.05);
                values[i] = v;
            }
            builder.column(name, values);
        }
        return builder.build();
    }

    public static long indexNanos(int row) {
        return START_NANOS + row * STEP_NANOS;
    }
}
