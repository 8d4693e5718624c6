package io.github.arcticasync.internal.protocol;

import io.github.arcticasync.store.DataFrame;
import io.github.arcticasync.store.NdArray;
import io.github.arcticasync.store.Series;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;

/** Random frames, series and arrays covering every column type the store holds, for the codec's tests. */
final class Frames {
    private static final String[] WORDS = {"", "a", "AAPL", "é", "中文", "😀x", "tab\tnew\nline", "zero\0byte",
        "Ωmega", "longer words here"};
    private static final String[] ZONES = {"UTC", "America/New_York", "Europe/London", "Asia/Tokyo"};
    private static final String[] KINDS = {"f8", "f4", "i8", "i4", "i2", "i1", "u1", "u2", "u4", "u8", "b1", "U",
        "S", "M8", "m8"};

    private Frames() {
    }

    static DataFrame frame(Random r) {
        int rows = r.nextInt(5) == 0 ? 0 : r.nextInt(40);
        DataFrame.Builder b = DataFrame.builder();
        int indexKind = r.nextInt(4);
        if (indexKind >= 1) {
            long[] nanos = sortedNanos(r, rows);
            b.datetimeIndex(nanos, indexKind == 2 ? ZONES[r.nextInt(ZONES.length)] : null);
            if (r.nextBoolean()) {
                b.indexName(r.nextBoolean() ? "date" : "日付");
            }
        }
        if (indexKind == 3) {
            int levels = 1 + r.nextInt(2);
            for (int i = 0; i < levels; i++) {
                String kind = KINDS[r.nextInt(KINDS.length)];
                b.indexLevel(r.nextBoolean() ? null : "level" + i, values(r, kind, rows), dtype(r, kind), null);
            }
        }
        int cols = rows == 0 && indexKind == 0 ? 1 + r.nextInt(3) : r.nextInt(6);
        for (int i = 0; i < cols; i++) {
            String kind = KINDS[r.nextInt(KINDS.length)];
            b.column("c" + i + (r.nextBoolean() ? "" : " ü"), values(r, kind, rows), dtype(r, kind));
        }
        return b.build();
    }

    static Series series(Random r) {
        int rows = r.nextInt(30);
        String kind = KINDS[r.nextInt(KINDS.length)];
        Object values = values(r, kind, rows);
        long[] index = r.nextBoolean() ? sortedNanos(r, rows) : null;
        String tz = index != null && r.nextBoolean() ? ZONES[r.nextInt(ZONES.length)] : null;
        String name = r.nextBoolean() ? null : "px";
        if (kind.equals("U") || kind.equals("S") || kind.equals("M8") || kind.equals("m8") || kind.startsWith("u")) {
            // Series.of infers the dtype from the array; go through a frame to keep the exact dtype.
            DataFrame.Builder b = DataFrame.builder();
            if (index != null) {
                b.datetimeIndex(index, tz);
            }
            return Series.fromFrame(b.column(name == null ? "values" : name, values, dtype(r, kind)).build());
        }
        return Series.of(name, index, tz, values);
    }

    static NdArray array(Random r) {
        String kind = KINDS[r.nextInt(KINDS.length)];
        if (r.nextInt(3) == 0) {
            int rows = r.nextInt(20);
            LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
            int n = 1 + r.nextInt(4);
            for (int i = 0; i < n; i++) {
                String k = i == 0 ? kind : KINDS[r.nextInt(KINDS.length)];
                if (k.equals("M8") || k.equals("m8") || k.startsWith("u")) {
                    k = "i8";
                }
                fields.put("f" + i, values(r, k, rows));
            }
            return NdArray.ofFields(fields);
        }
        int[] shape = new int[1 + r.nextInt(3)];
        int total = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = r.nextInt(5);
            total *= shape[i];
        }
        return NdArray.of(values(r, kind, total), dtype(r, kind), shape);
    }

    /** A frame of {@code rows} rows and {@code cols} float64 columns over a datetime index: the hot-path shape. */
    static DataFrame floats(int rows, int cols, long seed) {
        Random r = new Random(seed);
        DataFrame.Builder b = DataFrame.builder().datetimeIndex(sortedNanos(r, rows));
        for (int c = 0; c < cols; c++) {
            double[] v = new double[rows];
            for (int i = 0; i < rows; i++) {
                v[i] = 100 + r.nextGaussian();
            }
            b.column("c" + c, v);
        }
        return b.build();
    }

    static long[] sortedNanos(Random r, int rows) {
        long[] nanos = new long[rows];
        long t = 1_500_000_000_000_000_000L + r.nextInt(1_000_000);
        for (int i = 0; i < rows; i++) {
            t += 1 + r.nextInt(1_000_000_000);
            nanos[i] = t;
        }
        return nanos;
    }

    private static String dtype(Random r, String kind) {
        return switch (kind) {
            case "f8" -> "<f8";
            case "f4" -> "<f4";
            case "i8" -> "<i8";
            case "i4" -> "<i4";
            case "i2" -> "<i2";
            case "i1" -> "|i1";
            case "u1" -> "|u1";
            case "u2" -> "<u2";
            case "u4" -> "<u4";
            case "u8" -> "<u8";
            case "b1" -> "|b1";
            case "U" -> "<U" + (18 + r.nextInt(4));
            case "S" -> "|S" + (8 + r.nextInt(4));
            case "M8" -> "<M8[ns]";
            case "m8" -> "<m8[ns]";
            default -> throw new IllegalArgumentException(kind);
        };
    }

    static Object values(Random r, String kind, int n) {
        switch (kind) {
            case "f8" -> {
                double[] v = new double[n];
                double[] special = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0,
                    Double.MIN_VALUE, Double.MAX_VALUE};
                for (int i = 0; i < n; i++) {
                    v[i] = r.nextInt(4) == 0 ? special[r.nextInt(special.length)] : r.nextGaussian() * 1e6;
                }
                return v;
            }
            case "f4" -> {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = r.nextInt(5) == 0 ? Float.NaN : (float) r.nextGaussian();
                }
                return v;
            }
            case "i8", "u8", "M8", "m8" -> {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    v[i] = r.nextInt(6) == 0 ? Long.MIN_VALUE : r.nextLong();
                }
                return v;
            }
            case "i4", "u4" -> {
                int[] v = new int[n];
                for (int i = 0; i < n; i++) {
                    v[i] = r.nextInt();
                }
                return v;
            }
            case "i2", "u2" -> {
                short[] v = new short[n];
                for (int i = 0; i < n; i++) {
                    v[i] = (short) r.nextInt();
                }
                return v;
            }
            case "i1", "u1" -> {
                byte[] v = new byte[n];
                r.nextBytes(v);
                return v;
            }
            case "b1" -> {
                boolean[] v = new boolean[n];
                for (int i = 0; i < n; i++) {
                    v[i] = r.nextBoolean();
                }
                return v;
            }
            case "U" -> {
                String[] v = new String[n];
                for (int i = 0; i < n; i++) {
                    v[i] = WORDS[r.nextInt(WORDS.length)];
                }
                return v;
            }
            case "S" -> {
                byte[][] v = new byte[n][];
                for (int i = 0; i < n; i++) {
                    v[i] = new byte[r.nextInt(8)];
                    r.nextBytes(v[i]);
                }
                return v;
            }
            default -> throw new IllegalArgumentException(kind);
        }
    }

    static List<String> kinds() {
        return Arrays.asList(KINDS);
    }
}
