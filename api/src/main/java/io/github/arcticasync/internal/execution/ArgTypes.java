package io.github.arcticasync.internal.execution;

import io.github.arcticasync.store.DateRange;
import io.github.arcticasync.store.VersionInfo;
import io.github.arcticasync.store.VersionedItem;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@link ArgType}s of the standard operations. */
public final class ArgTypes {
    private ArgTypes() {
    }

    /** A symbol or name: a non-blank String. */
    public static final ArgType NAME = (op, param, v) -> {
        if (!(v instanceof String s)) {
            throw ArgType.mismatch(op, param, "a String", v);
        }
        if (s.isBlank()) {
            throw new IllegalArgumentException(op + ": argument '" + param + "' must not be blank");
        }
        return s;
    };

    /** Any String. */
    public static final ArgType STRING = (op, param, v) -> {
        if (!(v instanceof String)) {
            throw ArgType.mismatch(op, param, "a String", v);
        }
        return v;
    };

    public static final ArgType BOOLEAN = (op, param, v) -> {
        if (!(v instanceof Boolean)) {
            throw ArgType.mismatch(op, param, "a Boolean", v);
        }
        return v;
    };

    /** A version number (≥ 1) as an Integer; also taken from a {@link VersionedItem} or {@link VersionInfo}. */
    public static final ArgType VERSION = (op, param, v) -> {
        if (v instanceof VersionedItem item) {
            return item.version();
        }
        if (v instanceof VersionInfo info) {
            return info.version();
        }
        return positiveInt(op, param, v);
    };

    /** Arctic's {@code as_of}: a version number, a snapshot name or a point in time (kept as an {@link Instant}). */
    public static final ArgType AS_OF = (op, param, v) -> {
        if (v instanceof String s) {
            return NAME.check(op, param, s);
        }
        if (v instanceof Instant || v instanceof Date || v instanceof ZonedDateTime || v instanceof OffsetDateTime) {
            return toInstant(v);
        }
        if (v instanceof Number) {
            return positiveInt(op, param, v);
        }
        throw ArgType.mismatch(op, param, "a version number, snapshot name or Instant", v);
    };

    /** {@code as_of} where times are not supported: a version number or a snapshot name. */
    public static final ArgType VERSION_OR_SNAPSHOT = (op, param, v) -> {
        if (v instanceof String s) {
            return NAME.check(op, param, s);
        }
        if (v instanceof Number) {
            return positiveInt(op, param, v);
        }
        throw ArgType.mismatch(op, param, "a version number or snapshot name", v);
    };

    public static final ArgType DATE_RANGE = (op, param, v) -> {
        if (!(v instanceof DateRange)) {
            throw ArgType.mismatch(op, param, "a DateRange", v);
        }
        return v;
    };

    /** User metadata: a map with String keys (copied, order kept). */
    public static final ArgType METADATA = (op, param, v) -> {
        if (!(v instanceof Map<?, ?> m)) {
            throw ArgType.mismatch(op, param, "a Map<String, Object>", v);
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getKey() instanceof String k)) {
                throw ArgType.mismatch(op, param + "' key '" + e.getKey(), "a String", e.getKey());
            }
            copy.put(k, e.getValue());
        }
        return copy;
    };

    /** Data to store: any non-null value; the store decides whether it can write it. */
    public static final ArgType DATA = (op, param, v) -> v;

    /** A list of non-blank Strings (a String[] is accepted too). */
    public static final ArgType NAME_LIST = (op, param, v) -> {
        Collection<?> c;
        if (v instanceof Collection<?> col) {
            c = col;
        } else if (v instanceof String[] arr) {
            c = List.of(arr);
        } else {
            throw ArgType.mismatch(op, param, "a List<String>", v);
        }
        return c.stream().map(e -> (String) NAME.check(op, param + "' element '", e)).toList();
    };

    /** Symbol to version number. */
    public static final ArgType VERSION_MAP = (op, param, v) -> {
        if (!(v instanceof Map<?, ?> m)) {
            throw ArgType.mismatch(op, param, "a Map<String, Integer>", v);
        }
        Map<String, Integer> copy = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String k = (String) NAME.check(op, param + "' key", e.getKey());
            copy.put(k, (Integer) positiveInt(op, param + "' value for '" + k, e.getValue()));
        }
        return copy;
    };

    private static Object positiveInt(String op, String param, Object v) {
        if (!(v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte)) {
            throw ArgType.mismatch(op, param, "an int version number", v);
        }
        long n = ((Number) v).longValue();
        if (n < 1 || n > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(op + ": argument '" + param + "' must be a version number >= 1, was "
                    + n);
        }
        return (int) n;
    }

    private static Instant toInstant(Object v) {
        if (v instanceof Instant i) {
            return i;
        }
        if (v instanceof Date d) {
            return d.toInstant();
        }
        if (v instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        return ((OffsetDateTime) v).toInstant();
    }
}
