package io.github.arcticasync.store.internal.codec;

import io.github.arcticasync.store.ArcticException;
import io.github.arcticasync.store.UnhandledDtypeException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Arctic's append-time dtype rules: {@code np.promote_types} for the types the store handles, field by field for
 * structured dtypes ({@code _promote_struct_dtypes}), and the re-packing of old rows into the promoted dtype.
 */
final class DtypePromotion {
    private DtypePromotion() {
    }

    static String promote(String previousDtype, String newDtype) {
        Objects.requireNonNull(previousDtype, "previous dtype must not be null");
        Objects.requireNonNull(newDtype, "new dtype must not be null");
        boolean prevStructured = DtypeParser.isStructured(previousDtype);
        if (prevStructured != DtypeParser.isStructured(newDtype)) {
            throw new UnhandledDtypeException("cannot append: the dtype changes between structured and "
                    + "non-structured (" + previousDtype + " -> " + newDtype + ")");
        }
        if (!prevStructured) {
            Dtype p = promoteTypes(Dtype.parse(previousDtype), Dtype.parse(newDtype), "array");
            return p.name();
        }
        StructuredDtype prev = DtypeParser.parseStructured(previousDtype);
        StructuredDtype next = DtypeParser.parseStructured(newDtype);
        for (StructuredDtype.Field f : prev.fields()) {
            if (next.field(f.name()) == null) {
                throw new ArcticException("Removing columns from dtype not handled");
            }
        }
        List<String> names = new ArrayList<>();
        List<Dtype> types = new ArrayList<>();
        for (StructuredDtype.Field f : next.fields()) {
            StructuredDtype.Field old = prev.field(f.name());
            names.add(f.name());
            types.add(old == null ? f.dtype().littleEndian() : promoteTypes(f.dtype(), old.dtype(), f.name()));
        }
        return StructuredDtype.of(names, types).toString();
    }

    /** {@code np.promote_types(a, b)} for the supported kinds; anything else is an UnhandledDtypeException. */
    static Dtype promoteTypes(Dtype a, Dtype b, String field) {
        a = a.littleEndian();
        b = b.littleEndian();
        if (a.equals(b)) {
            return a;
        }
        char ka = a.kind();
        char kb = b.kind();
        if (ka == 'b' && isNumeric(kb)) {
            return b;
        }
        if (kb == 'b' && isNumeric(ka)) {
            return a;
        }
        if (isNumeric(ka) && isNumeric(kb)) {
            return promoteNumeric(a, b);
        }
        if (a.isString() && b.isString()) {
            if (ka == kb) {
                return a.size() >= b.size() ? a : b;
            }
            int chars = Math.max(ka == 'U' ? a.chars() : a.size(), kb == 'U' ? b.chars() : b.size());
            return Dtype.unicode(chars);
        }
        throw new UnhandledDtypeException("cannot promote field " + field + " from " + b.str() + " to "
                + a.str() + " on append");
    }

    private static boolean isNumeric(char k) {
        return k == 'f' || k == 'i' || k == 'u';
    }

    private static Dtype promoteNumeric(Dtype a, Dtype b) {
        char ka = a.kind();
        char kb = b.kind();
        if (ka == 'f' || kb == 'f') {
            int floatSize = Math.max(ka == 'f' ? a.size() : 0, kb == 'f' ? b.size() : 0);
            int intSize = Math.max(ka != 'f' ? a.size() : 0, kb != 'f' ? b.size() : 0);
            // A float holds an integer exactly only if its mantissa is wider: i1/i2 fit f4, i4/i8 need f8.
            int needed = intSize >= 4 ? 8 : intSize > 0 ? 4 : 0;
            return new Dtype('f', Math.max(floatSize, needed), false);
        }
        if (ka == kb) {
            return a.size() >= b.size() ? a : b;
        }
        Dtype signed = ka == 'i' ? a : b;
        Dtype unsigned = ka == 'u' ? a : b;
        if (signed.size() > unsigned.size()) {
            return signed;
        }
        if (unsigned.size() < 8) {
            return new Dtype('i', unsigned.size() * 2, false);
        }
        return Dtype.FLOAT64;
    }

    static byte[] convertRows(byte[] rows, int rowCount, String fromDtype, String toDtype) {
        Objects.requireNonNull(rows, "rows must not be null");
        Objects.requireNonNull(fromDtype, "from dtype must not be null");
        Objects.requireNonNull(toDtype, "to dtype must not be null");
        if (DtypeParser.isStructured(fromDtype) != DtypeParser.isStructured(toDtype)) {
            throw new UnhandledDtypeException("cannot convert rows between structured and non-structured dtypes ("
                    + fromDtype + " -> " + toDtype + ")");
        }
        if (!DtypeParser.isStructured(fromDtype)) {
            Dtype from = Dtype.parse(fromDtype);
            Dtype to = Dtype.parse(toDtype).littleEndian();
            if (rows.length % from.size() != 0) {
                throw new io.github.arcticasync.store.ArcticSerializationException(rows.length
                        + " bytes are not a whole number of " + fromDtype + " elements");
            }
            int n = rows.length / from.size();
            Object values = NumpyRecords.read(from, rows, 0, from.size(), n);
            byte[] out = new byte[Math.multiplyExact(n, to.size())];
            NumpyRecords.write(cast(values, from, to, "array"), to, out, 0, to.size(), n);
            return out;
        }
        StructuredDtype from = DtypeParser.parseStructured(fromDtype);
        StructuredDtype to = DtypeParser.parseStructured(toDtype);
        List<Column> cols = NumpyRecords.unpack(from, rows, rowCount);
        List<Column> out = new ArrayList<>();
        for (StructuredDtype.Field f : to.fields()) {
            Column src = null;
            for (Column c : cols) {
                if (c.name().equals(f.name())) {
                    src = c;
                }
            }
            Dtype t = f.dtype().littleEndian();
            Object v = src == null ? filler(t, rowCount) : cast(src.values(), src.dtype(), t, f.name());
            out.add(new Column(f.name(), t, v, null));
        }
        List<String> names = new ArrayList<>();
        List<Dtype> types = new ArrayList<>();
        for (Column c : out) {
            names.add(c.name());
            types.add(c.dtype());
        }
        return NumpyRecords.pack(out, StructuredDtype.of(names, types), rowCount);
    }

    /** A new field's values for old rows: NaN for floats, zero bytes (0, false, "", NaT-free 0) otherwise. */
    private static Object filler(Dtype t, int n) {
        return switch (t.kind()) {
            case 'f' -> {
                if (t.size() == 8) {
                    double[] d = new double[n];
                    Arrays.fill(d, Double.NaN);
                    yield d;
                }
                float[] f = new float[n];
                Arrays.fill(f, Float.NaN);
                yield f;
            }
            case 'U' -> {
                String[] s = new String[n];
                Arrays.fill(s, "");
                yield s;
            }
            case 'S' -> {
                byte[][] b = new byte[n][];
                Arrays.fill(b, new byte[0]);
                yield b;
            }
            default -> java.lang.reflect.Array.newInstance(t.javaArrayType().getComponentType(), n);
        };
    }

    /** Casts values held as {@code from} to the Java array of {@code to} as numpy's {@code astype} would. */
    static Object cast(Object v, Dtype from, Dtype to, String field) {
        if (from.javaArrayType() == to.javaArrayType() && from.kind() == to.kind()) {
            return v;
        }
        int n = ColumnArrays.length(v);
        if (to.kind() == 'U' && from.kind() == 'S') {
            byte[][] b = (byte[][]) v;
            String[] s = new String[n];
            for (int i = 0; i < n; i++) {
                s[i] = new String(b[i], StandardCharsets.US_ASCII);
            }
            return s;
        }
        if (isNumeric(to.kind()) || to.kind() == 'b') {
            if (to.kind() == 'f') {
                double[] d = new double[n];
                for (int i = 0; i < n; i++) {
                    d[i] = asDouble(v, from, i);
                }
                if (to.size() == 8) {
                    return d;
                }
                float[] f = new float[n];
                for (int i = 0; i < n; i++) {
                    f[i] = (float) d[i];
                }
                return f;
            }
            if ((from.kind() == 'i' || from.kind() == 'u' || from.kind() == 'b') && to.kind() != 'b') {
                long[] l = new long[n];
                for (int i = 0; i < n; i++) {
                    l[i] = asLong(v, from, i);
                }
                return narrow(l, to);
            }
        }
        throw new UnhandledDtypeException("cannot convert field " + field + " from " + from.str() + " to "
                + to.str());
    }

    private static Object narrow(long[] l, Dtype to) {
        int n = l.length;
        switch (to.size()) {
            case 8:
                return l;
            case 4: {
                int[] r = new int[n];
                for (int i = 0; i < n; i++) {
                    r[i] = (int) l[i];
                }
                return r;
            }
            case 2: {
                short[] r = new short[n];
                for (int i = 0; i < n; i++) {
                    r[i] = (short) l[i];
                }
                return r;
            }
            default: {
                byte[] r = new byte[n];
                for (int i = 0; i < n; i++) {
                    r[i] = (byte) l[i];
                }
                return r;
            }
        }
    }

    private static long asLong(Object v, Dtype from, int i) {
        boolean unsigned = from.kind() == 'u';
        if (v instanceof long[] x) {
            return x[i];
        } else if (v instanceof int[] x) {
            return unsigned ? Integer.toUnsignedLong(x[i]) : x[i];
        } else if (v instanceof short[] x) {
            return unsigned ? x[i] & 0xFFFFL : x[i];
        } else if (v instanceof byte[] x) {
            return unsigned ? x[i] & 0xFFL : x[i];
        } else if (v instanceof boolean[] x) {
            return x[i] ? 1 : 0;
        }
        throw new UnhandledDtypeException("cannot read " + from.str() + " as an integer");
    }

    private static double asDouble(Object v, Dtype from, int i) {
        if (v instanceof double[] x) {
            return x[i];
        } else if (v instanceof float[] x) {
            return x[i];
        } else if (from.kind() == 'u' && v instanceof long[] x) {
            long u = x[i];
            return u >= 0 ? (double) u : ((u >>> 1) | (u & 1)) * 2.0;
        }
        return asLong(v, from, i);
    }
}
