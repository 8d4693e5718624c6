package io.github.arcticasync.store;

import io.github.arcticasync.store.internal.codec.Column;
import io.github.arcticasync.store.internal.codec.ColumnArrays;
import io.github.arcticasync.store.internal.codec.FrameData;
import java.util.List;
import java.util.Objects;

/**
 * One named, typed column over an index, like a pandas Series; immutable.
 *
 * <p>A Series is held as a one-column {@link DataFrame} ({@link #toFrame()}), so it has the same index kinds. As in
 * Arctic, a Series without a name (null or empty) is named {@code values}, the field name Arctic stores it under.
 */
public final class Series {
    /** The name Arctic gives an unnamed Series. */
    public static final String DEFAULT_NAME = "values";

    private final DataFrame frame;

    private Series(DataFrame frame) {
        this.frame = frame;
    }

    /** A Series over a naive datetime index ({@code null} = range index) of a primitive or String[] array. */
    public static Series of(String name, long[] indexNanos, Object values) {
        return of(name, indexNanos, null, values);
    }

    /** A Series over a datetime index ({@code null} = range index) shown in {@code indexTimezone} (null = naive). */
    public static Series of(String name, long[] indexNanos, String indexTimezone, Object values) {
        Objects.requireNonNull(values, "series values must not be null");
        if (indexNanos == null && indexTimezone != null) {
            throw new IllegalArgumentException("a timezone needs a datetime index");
        }
        String n = name == null || name.isEmpty() ? DEFAULT_NAME : name;
        DataFrame.Builder b = DataFrame.builder();
        if (indexNanos != null) {
            b.datetimeIndex(indexNanos, indexTimezone);
        }
        b.column(n, values, ColumnArrays.inferDtype(values, "series " + n).str());
        return new Series(b.build());
    }

    /** The Series made of the single column of {@code frame}, keeping its index. */
    public static Series fromFrame(DataFrame frame) {
        Objects.requireNonNull(frame, "frame must not be null");
        FrameData d = frame.data();
        if (d.columns().size() != 1) {
            throw new IllegalArgumentException("a Series needs a frame of exactly one column, not "
                    + d.columns().size());
        }
        Column c = d.columns().get(0);
        if (c.name().isEmpty()) {
            return new Series(new DataFrame(new FrameData(d.index(),
                    List.of(new Column(DEFAULT_NAME, c.dtype(), c.values(), null)), d.rowCount())));
        }
        return new Series(frame);
    }

    /** This Series with index level 0 named {@code name} ({@code null} = unnamed). */
    public Series withIndexName(String name) {
        FrameData d = frame.data();
        if (d.index().isEmpty()) {
            throw new IllegalArgumentException("a range index cannot be named");
        }
        List<Column> index = new java.util.ArrayList<>(d.index());
        Column first = index.get(0);
        index.set(0, new Column(name, first.dtype(), first.values(), first.timezone()));
        return new Series(new DataFrame(new FrameData(index, d.columns(), d.rowCount())));
    }

    /** The one-column frame this Series is. */
    public DataFrame toFrame() {
        return frame;
    }

    public String name() {
        return frame.data().columns().get(0).name();
    }

    public int rowCount() {
        return frame.rowCount();
    }

    /** A copy of the datetime index in epoch nanoseconds UTC, {@code null} for a range index. */
    public long[] indexNanos() {
        return frame.indexNanos();
    }

    public String indexName() {
        return frame.indexName();
    }

    public String indexTimezone() {
        return frame.indexTimezone();
    }

    /** A copy of the values: a primitive array, String[] or byte[][]. */
    public Object values() {
        return frame.column(name());
    }

    /** numpy {@code dtype.str} of the values, e.g. "<f8". */
    public String dtype() {
        return frame.dtype(name());
    }

    /** The rows inside the range (see {@link DataFrame#slice(DateRange)}). */
    public Series slice(DateRange range) {
        return new Series(frame.slice(range));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Series s && frame.equals(s.frame);
    }

    @Override
    public int hashCode() {
        return frame.hashCode() * 17;
    }

    @Override
    public String toString() {
        return FrameFormat.format("Series", frame.data(), 10);
    }
}
