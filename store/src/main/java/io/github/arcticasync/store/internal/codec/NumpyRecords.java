package io.github.arcticasync.store.internal.codec;

import io.github.arcticasync.store.ArcticSerializationException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Packs Java column arrays into numpy record bytes (rows back to back, fields packed, little-endian) and back.
 *
 * <p>Each column is moved in one tight loop over rows through byte-array view VarHandles: no boxing and no per-row
 * objects except the Strings of unicode columns.
 */
public final class NumpyRecords {
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT_LE =
            MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle DOUBLE_LE =
            MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle FLOAT_LE =
            MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle DOUBLE_BE =
            MethodHandles.byteArrayViewVarHandle(double[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle FLOAT_BE = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.BIG_ENDIAN);

    private NumpyRecords() {
    }

    /** Packs columns (matching {@code dtype}'s fields one to one, in order) into {@code rows} records. */
    public static byte[] pack(List<Column> columns, StructuredDtype dtype, int rows) {
        int stride = dtype.itemSize();
        byte[] out = new byte[Math.multiplyExact(stride, rows)];
        List<StructuredDtype.Field> fields = dtype.fields();
        // Column by column within cache-sized blocks of rows, so each output line is touched while it is hot.
        int block = blockRows(stride);
        for (int from = 0; from < rows; from += block) {
            int to = Math.min(rows, from + block);
            for (int i = 0; i < fields.size(); i++) {
                StructuredDtype.Field f = fields.get(i);
                write(columns.get(i).values(), f.dtype(), out, f.offset(), stride, from, to);
            }
        }
        return out;
    }

    /** Unpacks every field of {@code rows} records into columns named like the fields, in little-endian dtypes. */
    public static List<Column> unpack(StructuredDtype dtype, byte[] data, int rows) {
        checkLength(data, dtype.itemSize(), rows, dtype.toString());
        List<StructuredDtype.Field> fields = dtype.fields();
        Object[] arrays = new Object[fields.size()];
        for (int i = 0; i < arrays.length; i++) {
            arrays[i] = java.lang.reflect.Array.newInstance(fields.get(i).dtype().javaArrayType().getComponentType(),
                    rows);
        }
        int stride = dtype.itemSize();
        int block = blockRows(stride);
        for (int from = 0; from < rows; from += block) {
            int to = Math.min(rows, from + block);
            for (int i = 0; i < arrays.length; i++) {
                readInto(arrays[i], fields.get(i).dtype(), data, fields.get(i).offset(), stride, from, to);
            }
        }
        List<Column> cols = new ArrayList<>(fields.size());
        for (int i = 0; i < arrays.length; i++) {
            StructuredDtype.Field f = fields.get(i);
            cols.add(new Column(f.name(), f.dtype().littleEndian(), arrays[i], null));
        }
        return cols;
    }

    /** Rows per block: about 64 KiB of records, at least one row. */
    private static int blockRows(int stride) {
        return Math.max(1, (64 * 1024) / Math.max(1, stride));
    }

    static void checkLength(byte[] data, long rowSize, long rows, String dtype) {
        if (data.length != rowSize * rows) {
            throw new ArcticSerializationException("expected " + rows + " rows of " + rowSize + " bytes ("
                    + rowSize * rows + " bytes) for dtype " + dtype + " but got " + data.length + " bytes");
        }
    }

    /** Writes {@code n} values of {@code values} at {@code offset}, {@code offset + stride}, ... of {@code out}. */
    public static void write(Object values, Dtype t, byte[] out, int offset, int stride, int n) {
        write(values, t, out, offset, stride, 0, n);
    }

    /** Writes rows {@code from} (inclusive) to {@code to} (exclusive) of {@code values}. */
    static void write(Object values, Dtype t, byte[] out, int offset, int stride, int from, int to) {
        switch (t.kind()) {
            case 'f' -> {
                if (t.size() == 8) {
                    double[] v = (double[]) values;
                    for (int r = from, p = offset + from * stride; r < to; r++, p += stride) {
                        DOUBLE_LE.set(out, p, v[r]);
                    }
                } else {
                    float[] v = (float[]) values;
                    for (int r = from, p = offset + from * stride; r < to; r++, p += stride) {
                        FLOAT_LE.set(out, p, v[r]);
                    }
                }
            }
            case 'i', 'u', 'M', 'm' -> writeInteger(values, t.size(), out, offset, stride, from, to);
            case 'b' -> {
                boolean[] v = (boolean[]) values;
                for (int r = from, p = offset + from * stride; r < to; r++, p += stride) {
                    out[p] = v[r] ? (byte) 1 : 0;
                }
            }
            case 'U' -> {
                String[] v = (String[]) values;
                int chars = t.chars();
                for (int r = from, p = offset + from * stride; r < to; r++, p += stride) {
                    String s = v[r];
                    int q = p;
                    int end = p + 4 * chars;
                    for (int i = 0; i < s.length(); ) {
                        int cp = s.codePointAt(i);
                        i += Character.charCount(cp);
                        if (q >= end) {
                            throw new ArcticSerializationException("string of row " + r + " is longer than "
                                    + chars + " characters (" + t.str() + ")");
                        }
                        INT_LE.set(out, q, cp);
                        q += 4;
                    }
                }
            }
            case 'S' -> {
                byte[][] v = (byte[][]) values;
                int size = t.size();
                for (int r = from, p = offset + from * stride; r < to; r++, p += stride) {
                    if (v[r].length > size) {
                        throw new ArcticSerializationException("bytes of row " + r + " are longer than " + size
                                + " (" + t.str() + ")");
                    }
                    System.arraycopy(v[r], 0, out, p, v[r].length);
                }
            }
            default -> throw new ArcticSerializationException("cannot write numpy dtype " + t.str());
        }
    }

    private static void writeInteger(Object values, int size, byte[] out, int offset, int stride, int from,
                                     int to) {
        switch (size) {
            case 8 -> {
                long[] v = (long[]) values;
                for (int r = from, p = offset + from * stride; r < to; r++, p += stride) {
                    LONG_LE.set(out, p, v[r]);
                }
            }
            case 4 -> {
                int[] v = (int[]) values;
                for (int r = from, p = offset + from * stride; r < to; r++, p += stride) {
                    INT_LE.set(out, p, v[r]);
                }
            }
            case 2 -> {
                short[] v = (short[]) values;
                for (int r = from, p = offset + from * stride; r < to; r++, p += stride) {
                    SHORT_LE.set(out, p, v[r]);
                }
            }
            default -> {
                byte[] v = (byte[]) values;
                for (int r = from, p = offset + from * stride; r < to; r++, p += stride) {
                    out[p] = v[r];
                }
            }
        }
    }

    /** Reads {@code n} values of type {@code t} at {@code offset}, {@code offset + stride}, ... into a new array. */
    public static Object read(Dtype t, byte[] in, int offset, int stride, int n) {
        Object dest = java.lang.reflect.Array.newInstance(t.javaArrayType().getComponentType(), n);
        readInto(dest, t, in, offset, stride, 0, n);
        return dest;
    }

    /** Reads rows {@code from} (inclusive) to {@code to} (exclusive) into {@code dest}. */
    static Object readInto(Object dest, Dtype t, byte[] in, int offset, int stride, int from, int to) {
        boolean be = t.bigEndian();
        switch (t.kind()) {
            case 'f' -> {
                if (t.size() == 8) {
                    double[] v = (double[]) dest;
                    if (be) {
                        for (int r = from, p = offset + from * stride; r < to; r++, p += stride) {
                            v[r] = (double) DOUBLE_BE.get(in, p);
                        }
                    } else {
                        for (int r = from, p = offset + from * stride; r < to; r++, p += stride) {
                            v[r] = (double) DOUBLE_LE.get(in, p);
                        }
                    }
                    return v;
                }
                float[] v = (float[]) dest;
                if (be) {
                    for (int r = from, p = offset + from * stride; r < to; r++, p += stride) {
                        v[r] = (float) FLOAT_BE.get(in, p);
                    }
                } else {
                    for (int r = from, p = offset + from * stride; r < to; r++, p += stride) {
                        v[r] = (float) FLOAT_LE.get(in, p);
                    }
                }
                return v;
            }
            case 'i', 'u', 'M', 'm' -> {
                return readInteger(dest, t.size(), be, in, offset, stride, from, to);
            }
            case 'b' -> {
                boolean[] v = (boolean[]) dest;
                for (int r = from, p = offset + from * stride; r < to; r++, p += stride) {
                    v[r] = in[p] != 0;
                }
                return v;
            }
            case 'U' -> {
                String[] v = (String[]) dest;
                int chars = t.chars();
                int[] cps = new int[chars];
                for (int r = from, p = offset + from * stride; r < to; r++, p += stride) {
                    int len = 0;
                    for (int i = 0; i < chars; i++) {
                        int cp = be ? (int) INT_BE.get(in, p + 4 * i) : (int) INT_LE.get(in, p + 4 * i);
                        cps[i] = cp;
                        if (cp != 0) {
                            len = i + 1;
                        }
                    }
                    try {
                        v[r] = new String(cps, 0, len);
                    } catch (IllegalArgumentException e) {
                        throw new ArcticSerializationException("row " + r + " holds an invalid code point for "
                                + t.str(), e);
                    }
                }
                return v;
            }
            case 'S' -> {
                byte[][] v = (byte[][]) dest;
                int size = t.size();
                for (int r = from, p = offset + from * stride; r < to; r++, p += stride) {
                    int len = size;
                    while (len > 0 && in[p + len - 1] == 0) {
                        len--;
                    }
                    byte[] b = new byte[len];
                    System.arraycopy(in, p, b, 0, len);
                    v[r] = b;
                }
                return v;
            }
            default -> throw new ArcticSerializationException("cannot read numpy dtype " + t.str());
        }
    }

    private static Object readInteger(Object dest, int size, boolean be, byte[] in, int offset, int stride,
                                      int from, int to) {
        switch (size) {
            case 8 -> {
                long[] v = (long[]) dest;
                if (be) {
                    for (int r = from, p = offset + from * stride; r < to; r++, p += stride) {
                        v[r] = (long) LONG_BE.get(in, p);
                    }
                } else {
                    for (int r = from, p = offset + from * stride; r < to; r++, p += stride) {
                        v[r] = (long) LONG_LE.get(in, p);
                    }
                }
                return v;
            }
            case 4 -> {
                int[] v = (int[]) dest;
                if (be) {
                    for (int r = from, p = offset + from * stride; r < to; r++, p += stride) {
                        v[r] = (int) INT_BE.get(in, p);
                    }
                } else {
                    for (int r = from, p = offset + from * stride; r < to; r++, p += stride) {
                        v[r] = (int) INT_LE.get(in, p);
                    }
                }
                return v;
            }
            case 2 -> {
                short[] v = (short[]) dest;
                if (be) {
                    for (int r = from, p = offset + from * stride; r < to; r++, p += stride) {
                        v[r] = (short) SHORT_BE.get(in, p);
                    }
                } else {
                    for (int r = from, p = offset + from * stride; r < to; r++, p += stride) {
                        v[r] = (short) SHORT_LE.get(in, p);
                    }
                }
                return v;
            }
            default -> {
                byte[] v = (byte[]) dest;
                for (int r = from, p = offset + from * stride; r < to; r++, p += stride) {
                    v[r] = in[p];
                }
                return v;
            }
        }
    }
}
