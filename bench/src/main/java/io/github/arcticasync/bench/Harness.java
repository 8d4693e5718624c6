package io.github.arcticasync.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A plain end-to-end harness: runs a round of steps {@code warmup} times unmeasured, then {@code iterations} times
 * measured. The steps of one round are interleaved (store, then baseline, then store ...) so that drift on a shared
 * machine — GC state, JIT, the other core's load — hits both sides alike instead of biasing whichever ran last.
 */
final class Harness {

    /** One round of work; it reports each measured step's duration through {@code recorder}. */
    @FunctionalInterface
    interface Round {
        void run(int index, Recorder recorder) throws Exception;
    }

    /** Collects step durations within a round. */
    interface Recorder {
        void record(String step, long nanos);

        /** Runs {@code body}, records its wall time under {@code step} and returns its result. */
        default <T> T time(String step, Step<T> body) throws Exception {
            long t0 = System.nanoTime();
            T result = body.run();
            record(step, System.nanoTime() - t0);
            return result;
        }
    }

    /** A timed piece of work. */
    @FunctionalInterface
    interface Step<T> {
        T run() throws Exception;
    }

    private Harness() {
    }

    /** Runs the rounds and returns the measured samples per step, in first-recorded order. */
    static Map<String, Samples> run(int warmup, int iterations, Round round) throws Exception {
        if (warmup < 0) {
            throw new IllegalArgumentException("warmup must not be negative, was " + warmup);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be at least 1, was " + iterations);
        }
        Objects.requireNonNull(round, "round must not be null");
        Map<String, List<Long>> measured = new LinkedHashMap<>();
        Recorder discard = (step, nanos) -> { };
        for (int i = 0; i < warmup; i++) {
            round.run(i, discard);
        }
        Recorder keep = (step, nanos) -> measured.computeIfAbsent(step, k -> new ArrayList<>()).add(nanos);
        for (int i = 0; i < iterations; i++) {
            round.run(warmup + i, keep);
        }
        Map<String, Samples> out = new LinkedHashMap<>();
        measured.forEach((step, list) -> out.put(step, new Samples(list.stream().mapToLong(Long::longValue).toArray())));
        return out;
    }
}
