package io.github.arcticasync.store.compat;

import io.github.arcticasync.store.DataFrame;
import io.github.arcticasync.store.NdArray;
import io.github.arcticasync.store.Series;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Turns the neutral value encoding of input.json / expected.json into Java values, and back into the forms the
 * comparisons need: typed arrays, frames, series, arrays, dicts, the generator of case d and its digests.
 */
final class GoldenItems {

    private GoldenItems() {
    }

    /** The item a step writes: a DataFrame, Series, NdArray or (for {@code kind: dict}) a Map. */
    static Object item(Document data) {
        String kind = data.getString("kind");
        return switch (kind) {
            case "DataFrame" -> frame(data);
            case "Series" -> series(data);
            case "ndarray" -> ndarray(data);
            case "dict" -> PythonLiteral.parse(data.getString("repr"));
            default -> throw new IllegalArgumentException("unknown item kind in vectors: " + kind);
        };
    }

    private static DataFrame frame(Document data) {
        DataFrame.Builder builder = DataFrame.builder();
        index(builder, data.get("index", Document.class));
        for (Document column : data.getList("columns", Document.class)) {
            String name = column.getString("name");
            String dtype = column.getString("dtype");
            Object values = array(dtype, column.getList("values", Object.class));
            if (values instanceof double[] d) {
                builder.column(name, d);
            } else if (values instanceof long[] l && dtype.startsWith("datetime64")) {
                builder.datetimeColumn(name, l);
            } else if (values instanceof long[] l) {
                builder.column(name, l);
            } else if (values instanceof int[] i) {
                builder.column(name, i);
            } else if (values instanceof boolean[] b) {
                builder.column(name, b);
            } else if (values instanceof String[] s) {
                builder.column(name, s);
            } else if (values instanceof byte[][] y) {
                builder.column(name, y);
            } else {
                throw new IllegalArgumentException("unsupported column " + name + " of " + dtype);
            }
        }
        return builder.build();
    }

    private static void index(DataFrame.Builder builder, Document index) {
        List<Document> levels = index.getList("levels", Document.class);
        Document first = levels.get(0);
        long[] nanos = (long[]) array("datetime64[ns]", first.getList("values", Object.class));
        String tz = first.getString("tz");
        if (tz == null) {
            builder.datetimeIndex(nanos);
        } else {
            builder.datetimeIndex(nanos, tz);
        }
        if (first.getString("name") != null) {
            builder.indexName(first.getString("name"));
        }
        for (Document level : levels.subList(1, levels.size())) {
            builder.indexLevel(level.getString("name"),
                    array(level.getString("dtype"), level.getList("values", Object.class)));
        }
    }

    private static Series series(Document data) {
        Document level = data.get("index", Document.class).getList("levels", Document.class).get(0);
        long[] nanos = (long[]) array("datetime64[ns]", level.getList("values", Object.class));
        Object values = array(data.getString("dtype"), data.getList("values", Object.class));
        String tz = level.getString("tz");
        return tz == null ? Series.of(data.getString("name"), nanos, values)
                : Series.of(data.getString("name"), nanos, tz, values);
    }

    private static NdArray ndarray(Document data) {
        int[] shape = data.getList("shape", Integer.class).stream().mapToInt(Integer::intValue).toArray();
        if (data.containsKey("fields")) {
            LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
            for (Document field : data.getList("fields", Document.class)) {
                fields.put(field.getString("name"),
                        array(field.getString("dtype"), field.getList("values", Object.class)));
            }
            return NdArray.ofFields(fields);
        }
        return NdArray.of(array(data.getString("dtype"), data.getList("values", Object.class)), shape);
    }

    /**
     * A typed Java array from JSON values: float64 to double[], int64 and datetimes to long[], int32 to int[],
     * bool to boolean[], object to String[] or (for {@code {"base64"}} values) byte[][].
     */
    static Object array(String dtype, List<Object> values) {
        int n = values.size();
        if (dtype.equals("float64") || dtype.equals("float32")) {
            double[] out = new double[n];
            for (int i = 0; i < n; i++) {
                out[i] = toDouble(values.get(i));
            }
            return out;
        }
        if (dtype.equals("int64") || dtype.startsWith("datetime64")) {
            long[] out = new long[n];
            for (int i = 0; i < n; i++) {
                out[i] = ((Number) values.get(i)).longValue();
            }
            return out;
        }
        if (dtype.equals("int32")) {
            int[] out = new int[n];
            for (int i = 0; i < n; i++) {
                out[i] = ((Number) values.get(i)).intValue();
            }
            return out;
        }
        if (dtype.equals("bool")) {
            boolean[] out = new boolean[n];
            for (int i = 0; i < n; i++) {
                out[i] = (Boolean) values.get(i);
            }
            return out;
        }
        if (dtype.equals("object")) {
            if (values.stream().anyMatch(v -> v instanceof Document)) {
                byte[][] out = new byte[n][];
                for (int i = 0; i < n; i++) {
                    out[i] = Base64.getDecoder().decode(((Document) values.get(i)).getString("base64"));
                }
                return out;
            }
            return values.stream().map(v -> (String) v).toArray(String[]::new);
        }
        throw new IllegalArgumentException("dtype not covered by the vectors reader: " + dtype);
    }

    /** A JSON float: a number, or "NaN", "Infinity", "-Infinity". */
    static double toDouble(Object value) {
        if (value instanceof Number number) {
            return number.doubleValue();
        }
        return switch ((String) value) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> throw new IllegalArgumentException("not a float: " + value);
        };
    }

    /**
     * Case d's generator (input.json {@code steps[0].generator}): index[i] = 1577836800000000000 + i * 60000000000,
     * a = (double) i * 0.25, b = (double) (i % 977) / 3.0, c = 1000000.0 - (double) i / 7.0.
     */
    static DataFrame generated(Document generator) {
        int rows = generator.getInteger("rows");
        long[] index = new long[rows];
        Map<String, double[]> columns = new LinkedHashMap<>();
        for (Document column : generator.getList("columns", Document.class)) {
            columns.put(column.getString("name"), new double[rows]);
        }
        double[] a = columns.get("a");
        double[] b = columns.get("b");
        double[] c = columns.get("c");
        if (a == null || b == null || c == null || columns.size() != 3) {
            throw new IllegalStateException("case d generator changed; columns are now " + columns.keySet());
        }
        for (int i = 0; i < rows; i++) {
            index[i] = 1577836800000000000L + i * 60000000000L;
            a[i] = (double) i * 0.25;
            b[i] = (double) (i % 977) / 3.0;
            c[i] = 1000000.0 - (double) i / 7.0;
        }
        DataFrame.Builder builder = DataFrame.builder().datetimeIndex(index);
        columns.forEach(builder::column);
        return builder.build();
    }

    /** SHA-256 over the little-endian element bytes, hex, as the vectors' {@code sha256_le_bytes}. */
    static String sha256(Object array) {
        ByteBuffer bytes;
        if (array instanceof double[] d) {
            bytes = ByteBuffer.allocate(d.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            for (double v : d) {
                bytes.putDouble(v);
            }
        } else if (array instanceof long[] l) {
            bytes = ByteBuffer.allocate(l.length * 8).order(ByteOrder.LITTLE_ENDIAN);
            for (long v : l) {
                bytes.putLong(v);
            }
        } else if (array instanceof int[] in) {
            bytes = ByteBuffer.allocate(in.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int v : in) {
                bytes.putInt(v);
            }
        } else {
            throw new IllegalArgumentException("no digest rule for " + array.getClass().getSimpleName());
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes.array()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Java array as a list of boxed values, for element-wise comparison and messages. */
    static List<Object> boxed(Object array) {
        List<Object> out = new ArrayList<>();
        if (array instanceof double[] d) {
            for (double v : d) {
                out.add(v);
            }
        } else if (array instanceof float[] f) {
            for (float v : f) {
                out.add((double) v);
            }
        } else if (array instanceof long[] l) {
            for (long v : l) {
                out.add(v);
            }
        } else if (array instanceof int[] in) {
            for (int v : in) {
                out.add((long) v);
            }
        } else if (array instanceof boolean[] b) {
            for (boolean v : b) {
                out.add(v);
            }
        } else if (array instanceof String[] s) {
            out.addAll(java.util.Arrays.asList(s));
        } else if (array instanceof byte[][] y) {
            for (byte[] v : y) {
                out.add(v == null ? null : Base64.getEncoder().encodeToString(v));
            }
        } else {
            throw new IllegalArgumentException("not a column array: " + array.getClass().getName());
        }
        return out;
    }

    /** The expected JSON values in the same boxed form as {@link #boxed(Object)} for the given dtype. */
    static List<Object> expectedBoxed(String dtype, List<Object> values) {
        Object array = array(dtype, values);
        return boxed(array instanceof String[] s ? s : array);
    }

    /** numpy's unicode width of the strings (code points), as Arctic picks {@code <U{n}}. */
    static int unicodeWidth(String[] values) {
        int width = 1;
        for (String v : values) {
            width = Math.max(width, v.codePointCount(0, v.length()));
        }
        return width;
    }

    /** numpy's bytes width ({@code S{n}}). */
    static int bytesWidth(byte[][] values) {
        int width = 1;
        for (byte[] v : values) {
            width = Math.max(width, v.length);
        }
        return width;
    }

    static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
