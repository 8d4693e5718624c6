package io.github.arcticasync.internal.cluster;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What the leader tells one worker to do: which partitions to consume and how many requests it may run at once. It
 * is the hash at {@link Keys#assignment(String)}, written only by the leader through an epoch-fenced script.
 *
 * <p>A worker applies an assignment only when it is {@linkplain #isNewerThan(Assignment) newer} than the one it runs:
 * a higher epoch wins, and within one epoch a higher version. That is how a worker ignores a late write by a deposed
 * leader.
 *
 * @param workerId   the worker this is for
 * @param epoch      the epoch of the leader that wrote it
 * @param version    the leader's assignment version, increasing with every assignment it writes
 * @param threads    the thread allotment: the most requests this worker may run at once
 * @param partitions the partitions to consume, ascending and distinct (empty when {@code threads} is 0)
 */
public record Assignment(String workerId, long epoch, long version, int threads, List<Integer> partitions) {

    public static final String WORKER = "worker";
    public static final String EPOCH = "epoch";
    public static final String VERSION = "version";
    public static final String THREADS = "threads";
    public static final String PARTITIONS = "partitions";

    /** Validates the fields and sorts and freezes the partition list. */
    public Assignment {
        Keys.requireWorkerId(workerId);
        if (epoch < 0 || version < 0) {
            throw new IllegalArgumentException("epoch and version must not be negative, got " + epoch + "/" + version);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must not be negative, got " + threads);
        }
        partitions = sortedDistinct(partitions);
        if (threads == 0 && !partitions.isEmpty()) {
            throw new IllegalArgumentException("worker " + workerId + " has no threads but owns partitions " + partitions);
        }
    }

    /** Whether this assignment supersedes {@code other} (null: nothing applied yet, so yes). */
    public boolean isNewerThan(Assignment other) {
        if (other == null) {
            return true;
        }
        return epoch != other.epoch ? epoch > other.epoch : version > other.version;
    }

    /** The hash encoding; partitions as ascending ranges such as {@code 0-3,7,9-10} (empty for none). */
    public Map<String, String> toHash() {
        Map<String, String> hash = new LinkedHashMap<>();
        hash.put(WORKER, workerId);
        hash.put(EPOCH, Long.toString(epoch));
        hash.put(VERSION, Long.toString(version));
        hash.put(THREADS, Integer.toString(threads));
        hash.put(PARTITIONS, formatPartitions(partitions));
        return hash;
    }

    /**
     * Decodes an assignment hash.
     *
     * @throws IllegalArgumentException naming the field that is missing or malformed
     */
    public static Assignment fromHash(Map<String, String> hash) {
        String what = "assignment";
        return new Assignment(
                HashFields.text(hash, what, WORKER),
                HashFields.number(hash, what, EPOCH),
                HashFields.number(hash, what, VERSION),
                HashFields.intNumber(hash, what, THREADS),
                parsePartitions(HashFields.text(hash, what, PARTITIONS)));
    }

    /** Formats ascending distinct partitions as ranges: {@code [0,1,2,3,7]} → {@code "0-3,7"}. */
    public static String formatPartitions(Collection<Integer> partitions) {
        List<Integer> sorted = sortedDistinct(partitions);
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < sorted.size()) {
            int start = sorted.get(i);
            int end = start;
            while (i + 1 < sorted.size() && sorted.get(i + 1) == end + 1) {
                end = sorted.get(++i);
            }
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(start);
            if (end != start) {
                out.append('-').append(end);
            }
            i++;
        }
        return out.toString();
    }

    /**
     * Parses {@link #formatPartitions(Collection)}'s output.
     *
     * @throws IllegalArgumentException quoting the text when it is not a list of non-negative ranges
     */
    public static List<Integer> parsePartitions(String text) {
        Objects.requireNonNull(text, "partitions");
        if (text.isEmpty()) {
            return List.of();
        }
        List<Integer> out = new ArrayList<>();
        try {
            for (String part : text.split(",", -1)) {
                int dash = part.indexOf('-');
                int start = Integer.parseInt(dash < 0 ? part : part.substring(0, dash));
                int end = dash < 0 ? start : Integer.parseInt(part.substring(dash + 1));
                if (start < 0 || end < start || end - start >= Keys.MAX_PARTITIONS) {
                    throw new IllegalArgumentException("bad range '" + part + "'");
                }
                for (int p = start; p <= end; p++) {
                    out.add(p);
                }
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("partitions are not ranges of integers: '" + text + "'", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("partitions are not valid ranges: '" + text + "' (" + e.getMessage() + ")", e);
        }
        return sortedDistinct(out);
    }

    private static List<Integer> sortedDistinct(Collection<Integer> partitions) {
        Objects.requireNonNull(partitions, "partitions");
        TreeSet<Integer> sorted = new TreeSet<>();
        for (Integer p : partitions) {
            if (p == null || p < 0) {
                throw new IllegalArgumentException("partitions must be non-negative integers, got " + partitions);
            }
            sorted.add(p);
        }
        return Collections.unmodifiableList(new ArrayList<>(sorted));
    }
}
