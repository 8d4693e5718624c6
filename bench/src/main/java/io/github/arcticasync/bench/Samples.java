package io.github.arcticasync.bench;

import java.util.Arrays;
import java.util.Objects;

/**
 * Measured durations of one benchmark step, in nanoseconds, with order statistics. Percentiles use the nearest-rank
 * rule, so every reported figure is one that was actually measured.
 */
record Samples(long[] nanos) {

    Samples {
        Objects.requireNonNull(nanos, "nanos must not be null");
        if (nanos.length == 0) {
            throw new IllegalArgumentException("samples must not be empty");
        }
        nanos = nanos.clone();
        Arrays.sort(nanos);
    }

    int count() {
        return nanos.length;
    }

    /** The nearest-rank percentile, {@code p} in (0, 100]. */
    long percentile(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], was " + p);
        }
        int rank = (int) Math.ceil(p / 100.0 * nanos.length);
        return nanos[Math.max(rank, 1) - 1];
    }

    long median() {
        return percentile(50);
    }

    long p90() {
        return percentile(90);
    }

    long p99() {
        return percentile(99);
    }

    long min() {
        return nanos[0];
    }

    long max() {
        return nanos[nanos.length - 1];
    }

    double medianMillis() {
        return median() / 1e6;
    }

    double p90Millis() {
        return p90() / 1e6;
    }
}
