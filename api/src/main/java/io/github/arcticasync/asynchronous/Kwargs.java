package io.github.arcticasync.asynchronous;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Keyword arguments of a submitted operation, Python's {@code **kwargs}: pass it as the last argument of
 * {@link AsyncArctic#submit}. Names are the operation's Python parameter names ({@code as_of}, {@code date_range}) or
 * their Java spelling ({@code asOf}); values may be {@code null} (Python's {@code None}). Two keys are taken by the
 * asynchronous layer itself: {@code mongo_retry} (Boolean: retry transient MongoDB errors) and {@code async_callback}
 * (a {@code Consumer<AsyncRequest>} run on completion). Immutable.
 */
public final class Kwargs {
    private static final Kwargs EMPTY = new Kwargs(Map.of());

    private final Map<String, Object> values;

    private Kwargs(Map<String, Object> values) {
        this.values = values;
    }

    /** No keyword arguments. */
    public static Kwargs empty() {
        return EMPTY;
    }

    public static Kwargs of(String name, Object value) {
        return EMPTY.and(name, value);
    }

    public static Kwargs of(String name1, Object value1, String name2, Object value2) {
        return of(name1, value1).and(name2, value2);
    }

    public static Kwargs of(String name1, Object value1, String name2, Object value2, String name3, Object value3) {
        return of(name1, value1, name2, value2).and(name3, value3);
    }

    /** The entries of {@code map}, in its iteration order. */
    public static Kwargs from(Map<String, ?> map) {
        Objects.requireNonNull(map, "kwargs map must not be null");
        Kwargs k = EMPTY;
        for (Map.Entry<String, ?> e : map.entrySet()) {
            k = k.and(e.getKey(), e.getValue());
        }
        return k;
    }

    /**
     * These arguments plus {@code name = value}.
     *
     * @throws IllegalArgumentException if the name is null, blank or already present
     */
    public Kwargs and(String name, Object value) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("keyword argument name must not be null or blank");
        }
        if (values.containsKey(name)) {
            throw new IllegalArgumentException("keyword argument '" + name + "' given twice");
        }
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(name, value);
        return new Kwargs(Collections.unmodifiableMap(copy));
    }

    /** The value of {@code name}, or null when absent (or given as null). */
    public Object get(String name) {
        return values.get(name);
    }

    public boolean contains(String name) {
        return values.containsKey(name);
    }

    public Set<String> names() {
        return values.keySet();
    }

    /** An unmodifiable view in insertion order; values may be null. */
    public Map<String, Object> asMap() {
        return values;
    }

    public boolean isEmpty() {
        return values.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Kwargs k && values.equals(k.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return "Kwargs" + values;
    }
}
