package io.github.arcticasync.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.Objects;

/**
 * A range of instants used to select rows of a pandas item by its datetime field, mirroring
 * {@code arctic.date.DateRange}.
 *
 * <p>Each end may be open ({@code null}). Ends are {@link Instant}, {@link LocalDate} (midnight), {@link LocalDateTime}
 * or {@link ZonedDateTime}/{@link OffsetDateTime}. Local (naive) values are taken as UTC, because Arctic compares the
 * bounds with the stored UTC nanoseconds as if both were naive. Python Arctic rejects tz-aware bounds with
 * {@code ValueError}; here a zoned value is simply converted to its instant, which is what such a bound can only mean.
 *
 * <p>Like Arctic, the non-closed interval kinds are turned into closed bounds by moving an open start one
 * <em>millisecond</em> later and an open end one millisecond earlier (arctic-format.md §4.3 step 1), see
 * {@link #closedStartNanos()} and {@link #closedEndNanos()}.
 */
public final class DateRange {
    /** Which ends of a {@link DateRange} are inclusive, with Arctic's numeric codes. */
    public enum Interval {
        OPEN_CLOSED(1101, false, true),
        CLOSED_OPEN(1102, true, false),
        OPEN_OPEN(1103, false, false),
        CLOSED_CLOSED(1104, true, true);

        private final int code;
        private final boolean startClosed;
        private final boolean endClosed;

        Interval(int code, boolean startClosed, boolean endClosed) {
            this.code = code;
            this.startClosed = startClosed;
            this.endClosed = endClosed;
        }

        /** Arctic's constant value ({@code arctic.date.CLOSED_CLOSED == 1104}). */
        public int code() {
            return code;
        }

        public boolean startClosed() {
            return startClosed;
        }

        public boolean endClosed() {
            return endClosed;
        }
    }

    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final Long startNanos;
    private final Long endNanos;
    private final Interval interval;

    private DateRange(Long startNanos, Long endNanos, Interval interval) {
        this.startNanos = startNanos;
        this.endNanos = endNanos;
        this.interval = interval;
    }

    /** A closed-closed range; either end may be {@code null} (open). */
    public static DateRange of(Temporal start, Temporal end) {
        return of(start, end, Interval.CLOSED_CLOSED);
    }

    /** A range with the given interval kind; either end may be {@code null} (unbounded). */
    public static DateRange of(Temporal start, Temporal end, Interval interval) {
        return ofNanos(start == null ? null : toNanos(start, "start"), end == null ? null : toNanos(end, "end"),
                interval);
    }

    /** A range over epoch nanoseconds (UTC); either end may be {@code null} (unbounded). */
    public static DateRange ofNanos(Long startNanos, Long endNanos, Interval interval) {
        Objects.requireNonNull(interval, "interval must not be null");
        if (startNanos != null && endNanos != null && startNanos > endNanos) {
            throw new IllegalArgumentException("DateRange start " + Instant.EPOCH.plusNanos(startNanos)
                    + " is after end " + Instant.EPOCH.plusNanos(endNanos));
        }
        return new DateRange(startNanos, endNanos, interval);
    }

    /** The start as epoch nanoseconds UTC, or {@code null} when open. */
    public Long startNanos() {
        return startNanos;
    }

    /** The end as epoch nanoseconds UTC, or {@code null} when open. */
    public Long endNanos() {
        return endNanos;
    }

    /** The start as an instant, or {@code null} when open. */
    public Instant start() {
        return startNanos == null ? null : Instant.EPOCH.plusNanos(startNanos);
    }

    /** The end as an instant, or {@code null} when open. */
    public Instant end() {
        return endNanos == null ? null : Instant.EPOCH.plusNanos(endNanos);
    }

    public Interval interval() {
        return interval;
    }

    /** Inclusive lower bound in nanoseconds by Arctic's rule (open start + 1 ms); {@link Long#MIN_VALUE} if none. */
    public long closedStartNanos() {
        if (startNanos == null) {
            return Long.MIN_VALUE;
        }
        return interval.startClosed() ? startNanos : saturatedAdd(startNanos, NANOS_PER_MILLI);
    }

    /** Inclusive upper bound in nanoseconds by Arctic's rule (open end - 1 ms); {@link Long#MAX_VALUE} if none. */
    public long closedEndNanos() {
        if (endNanos == null) {
            return Long.MAX_VALUE;
        }
        return interval.endClosed() ? endNanos : saturatedAdd(endNanos, -NANOS_PER_MILLI);
    }

    /** True when {@code nanos} lies inside the closed bounds. */
    public boolean contains(long nanos) {
        return nanos >= closedStartNanos() && nanos <= closedEndNanos();
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        if (((a ^ r) & (b ^ r)) < 0) {
            return b > 0 ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return r;
    }

    private static long toNanos(Temporal t, String which) {
        Instant instant;
        if (t instanceof Instant i) {
            instant = i;
        } else if (t instanceof LocalDateTime ldt) {
            instant = ldt.toInstant(ZoneOffset.UTC);
        } else if (t instanceof LocalDate ld) {
            instant = ld.atStartOfDay().toInstant(ZoneOffset.UTC);
        } else if (t instanceof ZonedDateTime z) {
            instant = z.toInstant();
        } else if (t instanceof OffsetDateTime o) {
            instant = o.toInstant();
        } else {
            throw new IllegalArgumentException("DateRange " + which + " must be an Instant, LocalDate, LocalDateTime, "
                    + "ZonedDateTime or OffsetDateTime, not " + t.getClass().getName());
        }
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("DateRange " + which + " " + instant
                    + " is outside the datetime64[ns] range (1677..2262)", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DateRange d && Objects.equals(startNanos, d.startNanos)
                && Objects.equals(endNanos, d.endNanos) && interval == d.interval;
    }

    @Override
    public int hashCode() {
        return Objects.hash(startNanos, endNanos, interval);
    }

    @Override
    public String toString() {
        return "DateRange(" + (startNanos == null ? "None" : start()) + ", " + (endNanos == null ? "None" : end())
                + ", " + interval + ")";
    }
}
