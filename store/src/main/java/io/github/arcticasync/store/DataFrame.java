package io.github.arcticasync.store;

import io.github.arcticasync.store.internal.codec.Column;
import io.github.arcticasync.store.internal.codec.ColumnArrays;
import io.github.arcticasync.store.internal.codec.Dtype;
import io.github.arcticasync.store.internal.codec.FrameData;
import io.github.arcticasync.store.internal.codec.ModelAccess;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable, columnar table like a pandas DataFrame: an index and named columns, each with its numpy dtype.
 *
 * <p>The index is either a range index 0..n-1 ({@link #isRangeIndex()}), a datetime index of epoch nanoseconds UTC
 * (level 0, with an optional zone name and name), or a MultiIndex whose further levels are added with
 * {@link Builder#indexLevel(String, Object)}. An index level that is not datetime (for example an int64 index read
 * back from Arctic that is not 0..n-1) is kept as level 0 with its own dtype; then {@link #indexNanos()} is
 * {@code null} and {@link #isRangeIndex()} false.
 *
 * <p>Unnamed index levels have a {@code null} name. Arctic stores an unnamed single index as a field named
 * {@code index} and unnamed MultiIndex levels as {@code level_0, level_1, ...}; reading maps those names back to
 * {@code null}, so that a frame survives a write and a read unchanged.
 *
 * <p>Equality is by value: index, names, zones, dtypes and values (floats by bits, so NaN equals NaN).
 */
public final class DataFrame {
    static {
        ModelAccess.register(new ModelBridge());
    }

    private final FrameData data;

    DataFrame(FrameData data) {
        this.data = data;
    }

    /** A builder for a new frame. */
    public static Builder builder() {
        return new Builder();
    }

    FrameData data() {
        return data;
    }

    public int rowCount() {
        return data.rowCount();
    }

    /** The column names, in order. */
    public List<String> columnNames() {
        List<String> names = new ArrayList<>(data.columns().size());
        for (Column c : data.columns()) {
            names.add(c.name());
        }
        return Collections.unmodifiableList(names);
    }

    /** True for a plain range index 0..n-1 (no index levels). */
    public boolean isRangeIndex() {
        return data.index().isEmpty();
    }

    /** A copy of the datetime index (level 0) in epoch nanoseconds UTC, or {@code null} for a non-datetime index. */
    public long[] indexNanos() {
        if (data.index().isEmpty() || data.index().get(0).dtype().kind() != 'M') {
            return null;
        }
        return ((long[]) data.index().get(0).values()).clone();
    }

    /** The name of index level 0, {@code null} when unnamed (or a range index). */
    public String indexName() {
        return data.index().isEmpty() ? null : data.index().get(0).name();
    }

    /** The zone of a tz-aware datetime index (level 0), {@code null} when naive. */
    public String indexTimezone() {
        return data.index().isEmpty() ? null : data.index().get(0).timezone();
    }

    /** The index level names, level 0 first (entries are {@code null} for unnamed levels; empty for a range index). */
    public List<String> indexLevelNames() {
        List<String> names = new ArrayList<>();
        for (Column c : data.index()) {
            names.add(c.name());
        }
        return Collections.unmodifiableList(names);
    }

    /** A copy of the index level with this name. */
    public Object indexLevel(String name) {
        return ColumnArrays.copy(level(name).values());
    }

    /** A copy of the index level at {@code position} (0 = the datetime index). */
    public Object indexLevel(int position) {
        Objects.checkIndex(position, data.index().size());
        return ColumnArrays.copy(data.index().get(position).values());
    }

    /** The numpy dtype ({@code dtype.str}) of the index level with this name. */
    public String indexLevelDtype(String name) {
        return level(name).dtype().str();
    }

    /** The zone of a tz-aware datetime index level, else {@code null}. */
    public String indexLevelTimezone(String name) {
        return level(name).timezone();
    }

    private Column level(String name) {
        for (Column c : data.index()) {
            if (Objects.equals(c.name(), name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("no index level named " + name + "; levels are " + indexLevelNames());
    }

    /** True when a column with this name exists. */
    public boolean hasColumn(String name) {
        return find(name) != null;
    }

    /** A copy of the column: double[], float[], long[], int[], short[], byte[], boolean[], String[] or byte[][]. */
    public Object column(String name) {
        return ColumnArrays.copy(require(name).values());
    }

    /** The numpy dtype ({@code dtype.str}) of a column: "<f8", "<f4", "<i8", "<i4", "|b1", "<U5", "|S4", "<M8[ns]". */
    public String dtype(String name) {
        return require(name).dtype().str();
    }

    public double[] doubleColumn(String name) {
        return (double[]) typed(name, double[].class);
    }

    public float[] floatColumn(String name) {
        return (float[]) typed(name, float[].class);
    }

    /** An int64, uint64, datetime64[ns] or timedelta64[ns] column. */
    public long[] longColumn(String name) {
        return (long[]) typed(name, long[].class);
    }

    public int[] intColumn(String name) {
        return (int[]) typed(name, int[].class);
    }

    public boolean[] booleanColumn(String name) {
        return (boolean[]) typed(name, boolean[].class);
    }

    /** A numpy unicode ({@code <U}) column. */
    public String[] stringColumn(String name) {
        return (String[]) typed(name, String[].class);
    }

    /** A numpy fixed-width bytes ({@code |S}) column, trailing NULs stripped as numpy does. */
    public byte[][] bytesColumn(String name) {
        return (byte[][]) typed(name, byte[][].class);
    }

    private Object typed(String name, Class<?> type) {
        Column c = require(name);
        if (!type.isInstance(c.values())) {
            throw new IllegalArgumentException("column " + name + " has dtype " + c.dtype().str() + " ("
                    + c.values().getClass().getTypeName() + "), not " + type.getTypeName());
        }
        return ColumnArrays.copy(c.values());
    }

    private Column find(String name) {
        for (Column c : data.columns()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    private Column require(String name) {
        Objects.requireNonNull(name, "column name must not be null");
        Column c = find(name);
        if (c == null) {
            throw new IllegalArgumentException("no column named '" + name + "'; columns are " + columnNames());
        }
        return c;
    }

    /**
     * The rows whose first datetime64[ns] field (index levels first, then columns, as Arctic does) lies inside the
     * range, with Arctic's closed bounds (open ends moved by 1 ms). A frame without a datetime field is returned
     * whole, as Arctic does not filter it.
     */
    public DataFrame slice(DateRange range) {
        Objects.requireNonNull(range, "range must not be null");
        Column dt = firstDatetime();
        if (dt == null) {
            return this;
        }
        long lo = range.closedStartNanos();
        long hi = range.closedEndNanos();
        long[] v = (long[]) dt.values();
        int[] keep = new int[v.length];
        int n = 0;
        for (int i = 0; i < v.length; i++) {
            if (v[i] >= lo && v[i] <= hi) {
                keep[n++] = i;
            }
        }
        if (n == v.length) {
            return this;
        }
        return selectRows(java.util.Arrays.copyOf(keep, n));
    }

    /** The rows at these positions, in this order. */
    DataFrame selectRows(int[] rows) {
        List<Column> index = new ArrayList<>();
        for (Column c : data.index()) {
            index.add(new Column(c.name(), c.dtype(), ColumnArrays.select(c.values(), rows), c.timezone()));
        }
        List<Column> cols = new ArrayList<>();
        for (Column c : data.columns()) {
            cols.add(new Column(c.name(), c.dtype(), ColumnArrays.select(c.values(), rows), null));
        }
        return new DataFrame(new FrameData(index, cols, rows.length));
    }

    private Column firstDatetime() {
        for (Column c : data.index()) {
            if (c.dtype().kind() == 'M') {
                return c;
            }
        }
        for (Column c : data.columns()) {
            if (c.dtype().kind() == 'M') {
                return c;
            }
        }
        return null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataFrame d && data.rowCount() == d.data.rowCount()
                && sameColumns(data.index(), d.data.index()) && sameColumns(data.columns(), d.data.columns());
    }

    static boolean sameColumns(List<Column> a, List<Column> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            Column x = a.get(i);
            Column y = b.get(i);
            if (!Objects.equals(x.name(), y.name()) || !x.dtype().equals(y.dtype())
                    || !Objects.equals(x.timezone(), y.timezone()) || !ColumnArrays.equal(x.values(), y.values())) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = data.rowCount();
        for (Column c : data.index()) {
            h = 31 * h + Objects.hash(c.name(), c.dtype(), c.timezone(), ColumnArrays.hash(c.values()));
        }
        for (Column c : data.columns()) {
            h = 31 * h + Objects.hash(c.name(), c.dtype(), ColumnArrays.hash(c.values()));
        }
        return h;
    }

    /** A readable summary: shape, dtypes and the first rows. */
    @Override
    public String toString() {
        return FrameFormat.format("DataFrame", data, 10);
    }

    /** Builds a {@link DataFrame}; every column must have as many rows as the index. */
    public static final class Builder {
        private Column datetimeIndex;
        private String indexName;
        private boolean indexNameSet;
        private final List<Column> levels = new ArrayList<>();
        private final List<Column> columns = new ArrayList<>();

        private Builder() {
        }

        /** A naive datetime index of epoch nanoseconds (level 0). */
        public Builder datetimeIndex(long[] epochNanos) {
            return datetimeIndex(epochNanos, null);
        }

        /** A datetime index of epoch nanoseconds UTC shown in {@code timezone} (null = naive). */
        public Builder datetimeIndex(long[] epochNanos, String timezone) {
            Objects.requireNonNull(epochNanos, "datetime index must not be null");
            if (timezone != null && timezone.isBlank()) {
                throw new IllegalArgumentException("index timezone must not be blank");
            }
            datetimeIndex = new Column(null, Dtype.DATETIME64, epochNanos.clone(), timezone);
            return this;
        }

        /** Names index level 0 ({@code null} = unnamed). */
        public Builder indexName(String name) {
            indexName = name;
            indexNameSet = true;
            return this;
        }

        /**
         * Adds an index level (a MultiIndex after the datetime index), holding a primitive, {@code String[]} or
         * {@code byte[][]} array; without a datetime index the first such level is level 0.
         */
        public Builder indexLevel(String name, Object values) {
            Objects.requireNonNull(values, () -> "index level " + name + " must not be null");
            return indexLevel(name, values, ColumnArrays.inferDtype(values, "index level " + name).str(), null);
        }

        /** Adds an index level with an explicit numpy dtype (e.g. "<M8[ns]", "|u1") and zone (datetime only). */
        public Builder indexLevel(String name, Object values, String dtype, String timezone) {
            Objects.requireNonNull(values, () -> "index level " + name + " must not be null");
            Objects.requireNonNull(dtype, "dtype must not be null");
            Dtype t = parseDtype(dtype, "index level " + name);
            ColumnArrays.checkFits(values, t, "index level " + name);
            if (timezone != null && t.kind() != 'M') {
                throw new IllegalArgumentException("index level " + name + " has a timezone but dtype " + t.str());
            }
            levels.add(new Column(name, t, ColumnArrays.copy(values), timezone));
            return this;
        }

        public Builder column(String name, double[] values) {
            return add(name, values, Dtype.FLOAT64);
        }

        public Builder column(String name, float[] values) {
            return add(name, values, Dtype.FLOAT32);
        }

        public Builder column(String name, long[] values) {
            return add(name, values, Dtype.INT64);
        }

        public Builder column(String name, int[] values) {
            return add(name, values, Dtype.INT32);
        }

        public Builder column(String name, short[] values) {
            return add(name, values, Dtype.INT16);
        }

        /** An int8 column (use {@link #column(String, Object, String)} with "|u1" for uint8). */
        public Builder column(String name, byte[] values) {
            return add(name, values, Dtype.INT8);
        }

        public Builder column(String name, boolean[] values) {
            return add(name, values, Dtype.BOOL);
        }

        /** A numpy unicode column, {@code <U{longest}}; null elements are rejected. */
        public Builder column(String name, String[] values) {
            Objects.requireNonNull(values, () -> "column " + name + " must not be null");
            return add(name, values, ColumnArrays.inferDtype(values, "column " + name));
        }

        /** A numpy fixed-width bytes column, {@code |S{longest}}. */
        public Builder column(String name, byte[][] values) {
            Objects.requireNonNull(values, () -> "column " + name + " must not be null");
            return add(name, values, ColumnArrays.inferDtype(values, "column " + name));
        }

        /** A datetime64[ns] column of epoch nanoseconds (NaT = Long.MIN_VALUE). */
        public Builder datetimeColumn(String name, long[] epochNanos) {
            return add(name, epochNanos, Dtype.DATETIME64);
        }

        /**
         * A column with an explicit numpy dtype, e.g. {@code ("u8", byte[], "|u1")}, {@code ("s", String[], "<U10")},
         * {@code ("d", long[], "<m8[ns]")}; the array class must match the dtype.
         */
        public Builder column(String name, Object values, String dtype) {
            Objects.requireNonNull(dtype, "dtype must not be null");
            return add(name, values, parseDtype(dtype, "column " + name));
        }

        private static Dtype parseDtype(String dtype, String what) {
            try {
                return Dtype.parse(dtype).littleEndian();
            } catch (ArcticSerializationException e) {
                throw new IllegalArgumentException(what + ": " + e.getMessage(), e);
            }
        }

        private Builder add(String name, Object values, Dtype dtype) {
            Objects.requireNonNull(name, "column name must not be null");
            Objects.requireNonNull(values, () -> "column " + name + " must not be null");
            ColumnArrays.checkFits(values, dtype, "column " + name);
            for (Column c : columns) {
                if (c.name().equals(name)) {
                    throw new IllegalArgumentException("duplicate column name '" + name + "'");
                }
            }
            columns.add(new Column(name, dtype, ColumnArrays.copy(values), null));
            return this;
        }

        /** The frame. Throws IllegalArgumentException naming a column or level whose length differs. */
        public DataFrame build() {
            List<Column> index = new ArrayList<>();
            if (datetimeIndex != null) {
                index.add(datetimeIndex);
            }
            index.addAll(levels);
            if (indexNameSet) {
                if (index.isEmpty()) {
                    throw new IllegalArgumentException("indexName(" + indexName + ") needs an index level");
                }
                Column first = index.get(0);
                index.set(0, new Column(indexName, first.dtype(), first.values(), first.timezone()));
            }
            Set<String> levelNames = new HashSet<>();
            for (Column c : index) {
                if (c.name() != null && !levelNames.add(c.name())) {
                    throw new IllegalArgumentException("duplicate index level name '" + c.name() + "'");
                }
            }
            int rows;
            String sizedBy;
            if (!index.isEmpty()) {
                rows = index.get(0).length();
                sizedBy = "the index";
            } else if (!columns.isEmpty()) {
                rows = columns.get(0).length();
                sizedBy = "column " + columns.get(0).name();
            } else {
                rows = 0;
                sizedBy = "the (empty) index";
            }
            for (Column c : index) {
                if (c.length() != rows) {
                    throw new IllegalArgumentException("index level " + c.name() + " has " + c.length()
                            + " values but " + sizedBy + " has " + rows);
                }
            }
            for (Column c : columns) {
                if (c.length() != rows) {
                    throw new IllegalArgumentException("column " + c.name() + " has " + c.length()
                            + " values but " + sizedBy + " has " + rows);
                }
            }
            return new DataFrame(new FrameData(index, columns, rows));
        }
    }
}
