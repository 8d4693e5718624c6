package io.github.arcticasync.store;

import io.github.arcticasync.store.internal.codec.Column;
import io.github.arcticasync.store.internal.codec.ColumnArrays;
import io.github.arcticasync.store.internal.codec.Dtype;
import io.github.arcticasync.store.internal.codec.StructuredDtype;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable n-dimensional numpy array: a flat row-major Java array plus a shape, or a 1-D structured (record)
 * array of named fields.
 */
public final class NdArray {
    private final Column flat;
    private final List<Column> fields;
    private final int[] shape;

    private NdArray(Column flat, List<Column> fields, int[] shape) {
        this.flat = flat;
        this.fields = fields;
        this.shape = shape;
    }

    /**
     * A plain array of a row-major primitive, String[] or byte[][] array; with no {@code shape} it is 1-D. The
     * product of the shape must equal the number of values.
     */
    public static NdArray of(Object flatValues, int... shape) {
        Objects.requireNonNull(flatValues, "array values must not be null");
        return of(flatValues, ColumnArrays.inferDtype(flatValues, "array values").str(), shape);
    }

    /** A plain array with an explicit numpy dtype, e.g. {@code of(bytes, "uint8", 4)} or {@code "<M8[ns]"}. */
    public static NdArray of(Object flatValues, String dtype, int... shape) {
        Objects.requireNonNull(flatValues, "array values must not be null");
        Objects.requireNonNull(dtype, "dtype must not be null");
        Dtype t;
        try {
            t = Dtype.parse(dtype).littleEndian();
        } catch (ArcticSerializationException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        ColumnArrays.checkFits(flatValues, t, "array values");
        int n = ColumnArrays.length(flatValues);
        int[] s = shape == null || shape.length == 0 ? new int[] {n} : shape.clone();
        long product = 1;
        for (int d : s) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(s));
            }
            product *= d;
        }
        if (product != n) {
            throw new IllegalArgumentException("shape " + Arrays.toString(s) + " holds " + product
                    + " values but " + n + " were given");
        }
        return new NdArray(new Column(null, t, ColumnArrays.copy(flatValues), null), null, s);
    }

    /** A 1-D structured array; each value is a primitive, String[] or byte[][] array of the same length. */
    public static NdArray ofFields(LinkedHashMap<String, Object> fields) {
        Objects.requireNonNull(fields, "fields must not be null");
        if (fields.isEmpty()) {
            throw new IllegalArgumentException("a structured array needs at least one field");
        }
        List<Column> cols = new ArrayList<>();
        int n = -1;
        for (Map.Entry<String, Object> e : fields.entrySet()) {
            String name = Objects.requireNonNull(e.getKey(), "field name must not be null");
            Object v = Objects.requireNonNull(e.getValue(), () -> "field " + name + " must not be null");
            Dtype t = ColumnArrays.inferDtype(v, "field " + name);
            int len = ColumnArrays.length(v);
            if (n >= 0 && len != n) {
                throw new IllegalArgumentException("field " + name + " has " + len + " values but field "
                        + cols.get(0).name() + " has " + n);
            }
            n = len;
            cols.add(new Column(name, t, ColumnArrays.copy(v), null));
        }
        return new NdArray(null, List.copyOf(cols), new int[] {n});
    }

    static NdArray trusted(Column flat, int[] shape) {
        return new NdArray(flat, null, shape.clone());
    }

    static NdArray trustedFields(List<Column> fields) {
        int n = fields.isEmpty() ? 0 : fields.get(0).length();
        return new NdArray(null, List.copyOf(fields), new int[] {n});
    }

    Column flat() {
        return flat;
    }

    List<Column> fields() {
        return fields;
    }

    /** True for a structured (record) array. */
    public boolean isStructured() {
        return fields != null;
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    /**
     * numpy's {@code str(dtype)}: {@code float64}, {@code int32}, {@code bool}, {@code <U5}, ... for a plain array;
     * {@code [('id', '<i4'), ('val', '<f8')]} for a structured one.
     */
    public String dtype() {
        return fields == null ? flat.dtype().name() : StructuredDtype.of(fields).toString();
    }

    /** A copy of the flat row-major values of a plain array. */
    public Object values() {
        if (fields != null) {
            throw new IllegalStateException("a structured array has fields, not flat values; use field(name)");
        }
        return ColumnArrays.copy(flat.values());
    }

    /** The field names of a structured array (empty for a plain one). */
    public List<String> fieldNames() {
        if (fields == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        for (Column c : fields) {
            names.add(c.name());
        }
        return Collections.unmodifiableList(names);
    }

    /** A copy of one field of a structured array. */
    public Object field(String name) {
        Objects.requireNonNull(name, "field name must not be null");
        if (fields != null) {
            for (Column c : fields) {
                if (c.name().equals(name)) {
                    return ColumnArrays.copy(c.values());
                }
            }
        }
        throw new IllegalArgumentException("no field named '" + name + "'; fields are " + fieldNames());
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof NdArray a) || !Arrays.equals(shape, a.shape) || (fields == null) != (a.fields == null)) {
            return false;
        }
        if (fields != null) {
            return DataFrame.sameColumns(fields, a.fields);
        }
        return flat.dtype().equals(a.flat.dtype()) && ColumnArrays.equal(flat.values(), a.flat.values());
    }

    @Override
    public int hashCode() {
        int h = Arrays.hashCode(shape);
        if (fields != null) {
            for (Column c : fields) {
                h = 31 * h + Objects.hash(c.name(), c.dtype(), ColumnArrays.hash(c.values()));
            }
            return h;
        }
        return 31 * h + Objects.hash(flat.dtype(), ColumnArrays.hash(flat.values()));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("NdArray[shape=").append(Arrays.toString(shape)).append(", dtype=")
                .append(dtype()).append("]");
        if (fields == null) {
            int n = Math.min(10, ColumnArrays.length(flat.values()));
            sb.append(" [");
            for (int i = 0; i < n; i++) {
                sb.append(i == 0 ? "" : ", ").append(ColumnArrays.format(flat.values(), flat.dtype(), i));
            }
            sb.append(n < ColumnArrays.length(flat.values()) ? ", ...]" : "]");
        } else {
            sb.append(' ').append(fieldNames());
        }
        return sb.toString();
    }
}
