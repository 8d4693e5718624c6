package io.github.arcticasync.store.mongo;

import io.github.arcticasync.store.DataFrame;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/** Test data: daily-indexed frames with predictable values, and unique library names. */
final class Frames {
    static final long DAY = 86_400_000_000_000L;
    static final long START = Instant.parse("2024-01-01T00:00:00Z").getEpochSecond() * 1_000_000_000L;
    private static final AtomicInteger LIBS = new AtomicInteger();

    private Frames() {
    }

    static String newLibrary(String prefix) {
        return "test." + prefix + LIBS.incrementAndGet();
    }

    static long day(int i) {
        return START + i * DAY;
    }

    /** {@code n} daily rows from day {@code first}; px = seed + row, qty = row. */
    static DataFrame daily(int first, int n, double seed) {
        long[] idx = new long[n];
        double[] px = new double[n];
        long[] qty = new long[n];
        for (int i = 0; i < n; i++) {
            idx[i] = day(first + i);
            px[i] = seed + first + i;
            qty[i] = first + i;
        }
        return DataFrame.builder().datetimeIndex(idx).column("px", px).column("qty", qty).build();
    }
}
