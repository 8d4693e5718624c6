package io.github.arcticasync.worker.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many entries a worker holds beyond its threads, sized by how long its operations take.
 *
 * <p>A worker fetches in round trips, and between two of them its threads live on what it holds. Quick operations
 * need many held entries, or the threads idle through every round trip and Redis pays its per-call costs (one
 * {@code XREADGROUP} over every owned stream, one complete script per partition and batch) for a handful of requests.
 * Slow operations need few: every entry held is one no other worker can start. So the window is what the threads
 * get through in {@link #QUEUE_BUDGET} at the average time a thread has spent per request so far (running the
 * operation and encoding its result) — at least {@link #MIN} entries (which
 * alone keeps threads busy for operations of a millisecond and more) and at most {@link #MAX} (one complete-script
 * batch). Until the first operation has run the window is the minimum.
 *
 * <p>The average is an exponential moving average, so a burst of slow operations shrinks the window within a few
 * dozen completions. What a worker took before that still runs on it: at most {@link #MAX} entries per worker.
 */
public final class PrefetchWindow {
    /** Fewest entries held beyond the threads. */
    public static final int MIN = 16;
    /** Most entries held beyond the threads. */
    public static final int MAX = 256;
    /** The work, per thread, that held entries may queue up on one worker. */
    public static final Duration QUEUE_BUDGET = Duration.ofMillis(2);
    /** Weight of a new run time in the average: 1/8. */
    private static final int SMOOTHING_SHIFT = 3;

    /** Average time per request in nanoseconds; 0 until the first request ran. */
    private final AtomicLong averageNanos = new AtomicLong();

    /**
     * Adds the time a thread spent on one request (run and encode) to the average.
     *
     * @throws IllegalArgumentException if {@code runNanos} is negative
     */
    public void ran(long runNanos) {
        if (runNanos < 0) {
            throw new IllegalArgumentException("run time must not be negative: " + runNanos + " ns");
        }
        long sample = Math.max(1, runNanos);
        averageNanos.accumulateAndGet(sample,
                (average, next) -> average == 0 ? next : average + ((next - average) >> SMOOTHING_SHIFT));
    }

    /** The average time per request so far, or {@link Duration#ZERO} before the first. */
    public Duration averageRunTime() {
        return Duration.ofNanos(averageNanos.get());
    }

    /**
     * Entries to hold beyond {@code threads} running ones: {@code threads × budget / average time}, within
     * {@link #MIN}..{@link #MAX}.
     *
     * @throws IllegalArgumentException if {@code threads} is negative
     */
    public int beyond(int threads) {
        if (threads < 0) {
            throw new IllegalArgumentException("threads must not be negative: " + threads);
        }
        long average = averageNanos.get();
        if (average == 0) {
            return MIN;
        }
        long fits = threads * QUEUE_BUDGET.toNanos() / average;
        return (int) Math.max(MIN, Math.min(MAX, fits));
    }
}
