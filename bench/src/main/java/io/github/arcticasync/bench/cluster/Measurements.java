package io.github.arcticasync.bench.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Durations measured per named step, in nanoseconds, with nearest-rank percentiles (every reported figure was
 * actually measured). Steps keep the order they were first recorded in.
 */
final class Measurements {
    private final Map<String, List<Long>> steps = new LinkedHashMap<>();
    private boolean recording = true;

    /** Warmup rounds call this with false: their samples are dropped. */
    void recording(boolean on) {
        this.recording = on;
    }

    synchronized void record(String step, long nanos) {
        if (recording) {
            steps.computeIfAbsent(step, k -> new ArrayList<>()).add(nanos);
        }
    }

    synchronized boolean has(String step) {
        return steps.containsKey(step);
    }

    synchronized int count(String step) {
        return sorted(step).length;
    }

    /** The nearest-rank percentile {@code p} in (0, 100] of {@code step}. */
    synchronized long percentile(String step, double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], was " + p);
        }
        long[] s = sorted(step);
        int rank = (int) Math.ceil(p / 100.0 * s.length);
        return s[Math.max(rank, 1) - 1];
    }

    synchronized long median(String step) {
        return percentile(step, 50);
    }

    private long[] sorted(String step) {
        List<Long> list = steps.get(step);
        if (list == null || list.isEmpty()) {
            throw new IllegalArgumentException("no samples of step '" + step + "'");
        }
        long[] s = list.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(s);
        return s;
    }
}
