package io.github.arcticasync.store.internal.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/** Array helpers for the Java column types (double[] ... String[], byte[][]): length, copy, equality, selection. */
public final class ColumnArrays {
    private ColumnArrays() {
    }

    /** Length of a supported column array. */
    public static int length(Object a) {
        if (a instanceof double[] x) {
            return x.length;
        } else if (a instanceof long[] x) {
            return x.length;
        } else if (a instanceof int[] x) {
            return x.length;
        } else if (a instanceof float[] x) {
            return x.length;
        } else if (a instanceof short[] x) {
            return x.length;
        } else if (a instanceof byte[] x) {
            return x.length;
        } else if (a instanceof boolean[] x) {
            return x.length;
        } else if (a instanceof String[] x) {
            return x.length;
        } else if (a instanceof byte[][] x) {
            return x.length;
        }
        throw unsupportedClass(a, "values");
    }

    static IllegalArgumentException unsupportedClass(Object a, String what) {
        return new IllegalArgumentException(what + " must be a double[], float[], long[], int[], short[], byte[], "
                + "boolean[], String[] or byte[][] array, not " + (a == null ? "null" : a.getClass().getTypeName()));
    }

    /**
     * The dtype numpy would give this Java array: {@code <f8 <f4 <i8 <i4 <i2 |i1 |b1}, {@code <U{longest}} (code
     * points, at least 1), {@code |S{longest}} (at least 1). Rejects null elements, naming {@code what}.
     */
    public static Dtype inferDtype(Object a, String what) {
        if (a instanceof double[]) {
            return Dtype.FLOAT64;
        } else if (a instanceof float[]) {
            return Dtype.FLOAT32;
        } else if (a instanceof long[]) {
            return Dtype.INT64;
        } else if (a instanceof int[]) {
            return Dtype.INT32;
        } else if (a instanceof short[]) {
            return Dtype.INT16;
        } else if (a instanceof byte[]) {
            return Dtype.INT8;
        } else if (a instanceof boolean[]) {
            return Dtype.BOOL;
        } else if (a instanceof String[] s) {
            int max = 1;
            for (int i = 0; i < s.length; i++) {
                if (s[i] == null) {
                    throw new IllegalArgumentException(what + " has a null string at row " + i
                            + " (numpy unicode columns cannot hold None)");
                }
                max = Math.max(max, s[i].codePointCount(0, s[i].length()));
            }
            return Dtype.unicode(max);
        } else if (a instanceof byte[][] b) {
            int max = 1;
            for (int i = 0; i < b.length; i++) {
                if (b[i] == null) {
                    throw new IllegalArgumentException(what + " has a null byte string at row " + i);
                }
                max = Math.max(max, b[i].length);
            }
            return Dtype.bytes(max);
        }
        throw unsupportedClass(a, what);
    }

    /** Checks that {@code a} fits {@code dtype}: the right array class, no nulls, strings no wider than the type. */
    public static void checkFits(Object a, Dtype dtype, String what) {
        Objects.requireNonNull(a, () -> what + " must not be null");
        if (!dtype.javaArrayType().isInstance(a)) {
            throw new IllegalArgumentException(what + " has dtype " + dtype.str() + " which needs a "
                    + dtype.javaArrayType().getTypeName() + ", not a " + a.getClass().getTypeName());
        }
        if (dtype.isString()) {
            Dtype natural = inferDtype(a, what);
            if (natural.size() > dtype.size()) {
                throw new IllegalArgumentException(what + " holds values of " + natural.str()
                        + " that do not fit its dtype " + dtype.str());
            }
        }
    }

    /** A copy (deep for byte[][]). */
    public static Object copy(Object a) {
        if (a instanceof double[] x) {
            return x.clone();
        } else if (a instanceof long[] x) {
            return x.clone();
        } else if (a instanceof int[] x) {
            return x.clone();
        } else if (a instanceof float[] x) {
            return x.clone();
        } else if (a instanceof short[] x) {
            return x.clone();
        } else if (a instanceof byte[] x) {
            return x.clone();
        } else if (a instanceof boolean[] x) {
            return x.clone();
        } else if (a instanceof String[] x) {
            return x.clone();
        } else if (a instanceof byte[][] x) {
            byte[][] c = new byte[x.length][];
            for (int i = 0; i < x.length; i++) {
                c[i] = x[i] == null ? null : x[i].clone();
            }
            return c;
        }
        throw unsupportedClass(a, "values");
    }

    /** Value equality; floats compare by bits, so NaN equals NaN. */
    public static boolean equal(Object a, Object b) {
        if (a instanceof byte[][] x && b instanceof byte[][] y) {
            return Arrays.deepEquals(x, y);
        }
        return Arrays.deepEquals(new Object[] {a}, new Object[] {b});
    }

    public static int hash(Object a) {
        return Arrays.deepHashCode(new Object[] {a});
    }

    /** The elements at {@code rows}, in that order, as a new array of the same class. */
    public static Object select(Object a, int[] rows) {
        int n = rows.length;
        if (a instanceof double[] x) {
            double[] r = new double[n];
            for (int i = 0; i < n; i++) {
                r[i] = x[rows[i]];
            }
            return r;
        } else if (a instanceof long[] x) {
            long[] r = new long[n];
            for (int i = 0; i < n; i++) {
                r[i] = x[rows[i]];
            }
            return r;
        } else if (a instanceof int[] x) {
            int[] r = new int[n];
            for (int i = 0; i < n; i++) {
                r[i] = x[rows[i]];
            }
            return r;
        } else if (a instanceof float[] x) {
            float[] r = new float[n];
            for (int i = 0; i < n; i++) {
                r[i] = x[rows[i]];
            }
            return r;
        } else if (a instanceof short[] x) {
            short[] r = new short[n];
            for (int i = 0; i < n; i++) {
                r[i] = x[rows[i]];
            }
            return r;
        } else if (a instanceof byte[] x) {
            byte[] r = new byte[n];
            for (int i = 0; i < n; i++) {
                r[i] = x[rows[i]];
            }
            return r;
        } else if (a instanceof boolean[] x) {
            boolean[] r = new boolean[n];
            for (int i = 0; i < n; i++) {
                r[i] = x[rows[i]];
            }
            return r;
        } else if (a instanceof String[] x) {
            String[] r = new String[n];
            for (int i = 0; i < n; i++) {
                r[i] = x[rows[i]];
            }
            return r;
        } else if (a instanceof byte[][] x) {
            byte[][] r = new byte[n][];
            for (int i = 0; i < n; i++) {
                r[i] = x[rows[i]].clone();
            }
            return r;
        }
        throw unsupportedClass(a, "values");
    }

    /** One element, printed for toString. */
    public static String format(Object a, Dtype dtype, int i) {
        if (dtype.kind() == 'M') {
            long v = ((long[]) a)[i];
            return v == Long.MIN_VALUE ? "NaT" : java.time.Instant.EPOCH.plusNanos(v).toString();
        }
        if (dtype.kind() == 'u') {
            if (a instanceof long[] x) {
                return Long.toUnsignedString(x[i]);
            } else if (a instanceof int[] x) {
                return Integer.toUnsignedString(x[i]);
            } else if (a instanceof short[] x) {
                return Integer.toString(x[i] & 0xFFFF);
            } else if (a instanceof byte[] x) {
                return Integer.toString(x[i] & 0xFF);
            }
        }
        if (a instanceof double[] x) {
            return Double.toString(x[i]);
        } else if (a instanceof long[] x) {
            return Long.toString(x[i]);
        } else if (a instanceof int[] x) {
            return Integer.toString(x[i]);
        } else if (a instanceof float[] x) {
            return Float.toString(x[i]);
        } else if (a instanceof short[] x) {
            return Short.toString(x[i]);
        } else if (a instanceof byte[] x) {
            return Byte.toString(x[i]);
        } else if (a instanceof boolean[] x) {
            return x[i] ? "True" : "False";
        } else if (a instanceof String[] x) {
            return "'" + x[i] + "'";
        } else if (a instanceof byte[][] x) {
            return "b'" + new String(x[i], StandardCharsets.ISO_8859_1) + "'";
        }
        throw unsupportedClass(a, "values");
    }
}
