package io.github.arcticasync.internal.execution;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The arguments of one call matched to an operation's parameters, validated and with defaults filled in, in parameter
 * order. Made only by {@link Operation#bind}.
 */
public final class BoundArguments {
    private final Operation operation;
    private final Map<String, Object> values;

    BoundArguments(Operation operation, LinkedHashMap<String, Object> values) {
        this.operation = operation;
        this.values = Collections.unmodifiableMap(values);
    }

    public Operation operation() {
        return operation;
    }

    /** Parameter name to value (null = None), for every parameter, in signature order. */
    public Map<String, Object> values() {
        return values;
    }

    /** The value of parameter {@code name}, or null. */
    public Object get(String name) {
        if (!values.containsKey(name)) {
            throw new IllegalArgumentException(operation.name() + " has no parameter '" + name + "'");
        }
        return values.get(name);
    }

    /** The value of parameter {@code name} as {@code type}, or null. */
    public <T> T get(String name, Class<T> type) {
        return type.cast(get(name));
    }

    /** The symbol the request works on ({@code symbol} parameter), or null for operations without one. */
    public String symbol() {
        return values.containsKey(Operation.SYMBOL) ? (String) values.get(Operation.SYMBOL) : null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BoundArguments b && operation.name().equals(b.operation.name()) && values.equals(b.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(operation.name(), values);
    }

    @Override
    public String toString() {
        return operation.name() + values;
    }
}
