package io.github.arcticasync.store.compat;

import io.github.arcticasync.store.DataFrame;
import io.github.arcticasync.store.NdArray;
import io.github.arcticasync.store.Series;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;

/**
 * Compares what the Java store read with what real Arctic read ({@code expected.json}'s {@code data} nodes): values
 * exactly (NaN equal to NaN, bit for bit otherwise), dtypes mapped from numpy names to {@code dtype.str} spelling.
 */
final class ExpectedData {

    private ExpectedData() {
    }

    static void compare(Mismatches m, String where, Document expected, Object actual) {
        String kind = expected.getString("kind");
        switch (kind) {
            case "DataFrame" -> {
                if (actual instanceof DataFrame frame) {
                    frame(m, where, expected, frame);
                } else {
                    m.add(where, "expected a DataFrame, actual " + Mismatches.describe(actual));
                }
            }
            case "Series" -> {
                if (actual instanceof Series series) {
                    series(m, where, expected, series);
                } else {
                    m.add(where, "expected a Series, actual " + Mismatches.describe(actual));
                }
            }
            case "ndarray" -> {
                if (actual instanceof NdArray array) {
                    ndarray(m, where, expected, array);
                } else {
                    m.add(where, "expected an NdArray, actual " + Mismatches.describe(actual));
                }
            }
            case "dict" -> m.check(where + " (inline BSON dict, type default)",
                    normalise(PythonLiteral.parse(expected.getString("repr"))), normalise(actual));
            default -> m.add(where, "unknown expected kind " + kind);
        }
    }

    private static void frame(Mismatches m, String where, Document expected, DataFrame frame) {
        List<Integer> shape = expected.getList("shape", Integer.class);
        m.check(where + ".rowCount", shape.get(0), frame.rowCount());
        List<String> names = new ArrayList<>();
        for (Document column : expected.getList("columns", Document.class)) {
            names.add(column.getString("name"));
        }
        m.check(where + ".columnNames", names, frame.columnNames());
        for (Document column : expected.getList("columns", Document.class)) {
            String name = column.getString("name");
            if (!frame.hasColumn(name)) {
                continue;
            }
            String dtype = column.getString("dtype");
            Object values = column.get("values");
            Object actual = frame.column(name);
            m.check(where + ".dtype(" + name + ")", typestr(dtype, values), frame.dtype(name));
            values(m, where + ".column(" + name + ")", dtype, values, actual);
        }
        index(m, where, expected.get("index", Document.class), frame);
    }

    private static void index(Mismatches m, String where, Document index, DataFrame frame) {
        List<Document> levels = index.getList("levels", Document.class);
        Document first = levels.get(0);
        String expectedName = first.getString("name");
        String actualName = frame.indexName();
        // Python names an unnamed index "index" on read (the stored field); a Java reader may keep it unnamed.
        boolean nameOk = expectedName == null ? actualName == null
                : expectedName.equals(actualName) || ("index".equals(expectedName) && actualName == null);
        if (!nameOk) {
            m.add(where + ".indexName", "expected \"" + expectedName + "\", actual " + Mismatches.describe(actualName));
        }
        m.check(where + ".indexTimezone", first.getString("tz"), frame.indexTimezone());
        long[] nanos = frame.indexNanos();
        if (nanos == null) {
            m.add(where + ".indexNanos", "expected a datetime index, actual none");
        } else {
            values(m, where + ".indexNanos", "datetime64[ns]", first.get("values"), nanos);
        }
        if ("MultiIndex".equals(index.getString("kind"))) {
            m.check(where + ".indexLevelNames", index.getList("names", String.class), frame.indexLevelNames());
            for (Document level : levels.subList(1, levels.size())) {
                String name = level.getString("name");
                try {
                    Object actual = frame.indexLevel(name);
                    m.check(where + ".indexLevelDtype(" + name + ")",
                            typestr(level.getString("dtype"), level.get("values")), frame.indexLevelDtype(name));
                    values(m, where + ".indexLevel(" + name + ")", level.getString("dtype"), level.get("values"),
                            actual);
                } catch (RuntimeException e) {
                    m.threw(where + ".indexLevel(" + name + ")", e);
                }
            }
        } else {
            m.check(where + ".indexLevelNames.size", 1, frame.indexLevelNames().size());
        }
    }

    private static void series(Mismatches m, String where, Document expected, Series series) {
        m.check(where + ".name", expected.getString("name"), series.name());
        m.check(where + ".dtype", typestr(expected.getString("dtype"), expected.get("values")), series.dtype());
        values(m, where + ".values", expected.getString("dtype"), expected.get("values"), series.values());
        Document level = expected.get("index", Document.class).getList("levels", Document.class).get(0);
        values(m, where + ".indexNanos", "datetime64[ns]", level.get("values"), series.indexNanos());
        m.check(where + ".indexTimezone", level.getString("tz"), series.indexTimezone());
    }

    private static void ndarray(Mismatches m, String where, Document expected, NdArray array) {
        List<Integer> shape = expected.getList("shape", Integer.class);
        m.check(where + ".shape", shape, Arrays.stream(array.shape()).boxed().toList());
        m.check(where + ".dtype", expected.getString("dtype"), array.dtype());
        if (expected.containsKey("fields")) {
            List<String> names = new ArrayList<>();
            for (Document field : expected.getList("fields", Document.class)) {
                names.add(field.getString("name"));
            }
            m.check(where + ".fieldNames", names, array.fieldNames());
            for (Document field : expected.getList("fields", Document.class)) {
                String name = field.getString("name");
                try {
                    Object actual = array.field(name);
                    m.check(where + ".field(" + name + ") array type",
                            GoldenItems.array(field.getString("dtype"), List.of()).getClass().getSimpleName(),
                            actual.getClass().getSimpleName());
                    values(m, where + ".field(" + name + ")", field.getString("dtype"), field.get("values"), actual);
                } catch (RuntimeException e) {
                    m.threw(where + ".field(" + name + ")", e);
                }
            }
        } else {
            values(m, where + ".values", expected.getString("dtype"), expected.get("values"), array.values());
        }
    }

    /** Explicit values element by element, or a summary ({@code count, head, tail, sha256_le_bytes}). */
    private static void values(Mismatches m, String where, String dtype, Object expected, Object actual) {
        if (actual == null) {
            m.add(where, "expected values, actual null");
            return;
        }
        List<Object> actualBoxed = GoldenItems.boxed(actual);
        if (expected instanceof Document summary) {
            int count = summary.getInteger("count");
            m.check(where + ".count", count, actualBoxed.size());
            if (actualBoxed.size() == count) {
                List<Object> head = summary.getList("head", Object.class);
                List<Object> tail = summary.getList("tail", Object.class);
                m.check(where + ".head", GoldenItems.expectedBoxed(dtype, head), actualBoxed.subList(0, head.size()));
                m.check(where + ".tail", GoldenItems.expectedBoxed(dtype, tail),
                        actualBoxed.subList(count - tail.size(), count));
                m.check(where + ".sha256_le_bytes", summary.getString("sha256_le_bytes"), GoldenItems.sha256(actual));
            }
            return;
        }
        @SuppressWarnings("unchecked")
        List<Object> list = (List<Object>) expected;
        List<Object> expectedBoxed = GoldenItems.expectedBoxed(dtype, list);
        if (expectedBoxed.size() != actualBoxed.size()) {
            m.add(where, "expected " + expectedBoxed.size() + " values " + expectedBoxed + ", actual "
                    + actualBoxed.size() + " " + actualBoxed);
            return;
        }
        for (int i = 0; i < expectedBoxed.size(); i++) {
            if (!java.util.Objects.equals(expectedBoxed.get(i), actualBoxed.get(i))) {
                m.add(where, "expected " + expectedBoxed + ", actual " + actualBoxed + " (first difference at " + i
                        + ")");
                return;
            }
        }
    }

    /** The {@code dtype.str} a Java read should report for a numpy dtype name of expected.json. */
    static String typestr(String dtype, Object values) {
        if (dtype.startsWith("datetime64[ns")) {
            return "<M8[ns]";
        }
        return switch (dtype) {
            case "float64" -> "<f8";
            case "float32" -> "<f4";
            case "int64" -> "<i8";
            case "int32" -> "<i4";
            case "bool" -> "|b1";
            case "object" -> {
                @SuppressWarnings("unchecked")
                Object array = GoldenItems.array("object", (List<Object>) values);
                yield array instanceof byte[][] bytes ? "|S" + GoldenItems.bytesWidth(bytes)
                        : "<U" + GoldenItems.unicodeWidth((String[]) array);
            }
            default -> dtype;
        };
    }

    /** A deep copy with Documents and Maps as sorted maps and integral numbers as Long, for value comparison. */
    static Object normalise(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new TreeMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), normalise(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(normalise(v)));
            return out;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            return ((Number) value).longValue();
        }
        if (value instanceof Float f) {
            return f.doubleValue();
        }
        return value;
    }
}
