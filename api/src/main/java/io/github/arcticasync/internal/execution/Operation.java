package io.github.arcticasync.internal.execution;

import io.github.arcticasync.asynchronous.RequestKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One named operation that can be submitted: its Python name and Java alias, its kind, its parameters (as Arctic's
 * Python signature) and its body. {@link #bind} validates arguments at submit time; the body runs later, on whichever
 * process executes the request.
 */
public final class Operation {
    /** The parameter whose value is the request's symbol. */
    public static final String SYMBOL = "symbol";

    private final String name;
    private final Set<String> aliases;
    private final RequestKind kind;
    private final List<Parameter> parameters;
    private final Body body;

    private Operation(Builder b) {
        this.name = b.name;
        this.aliases = Set.copyOf(b.aliases);
        this.kind = b.kind;
        this.parameters = List.copyOf(b.parameters);
        this.body = Objects.requireNonNull(b.body, "body of " + b.name);
    }

    /** Starts an operation called {@code name} (its Python spelling). */
    public static Builder builder(String name, RequestKind kind) {
        return new Builder(name, kind);
    }

    /** The Python name, e.g. {@code read_metadata}. */
    public String name() {
        return name;
    }

    /** Other names that resolve to this operation (the Java spelling, e.g. {@code readMetadata}). */
    public Set<String> aliases() {
        return aliases;
    }

    /** Modifier or accessor, as Arctic treats the operation. */
    public RequestKind kind() {
        return kind;
    }

    public List<Parameter> parameters() {
        return parameters;
    }

    /**
     * Matches positional and keyword arguments to the parameters, as Python would, and validates each value.
     *
     * @param positional the positional arguments, in order
     * @param keywords   keyword arguments by Python or camelCase name (values may be null)
     * @throws IllegalArgumentException naming the problem: too many arguments, unknown or repeated keyword, missing
     *                                  required argument, or a value of the wrong type
     */
    public BoundArguments bind(List<?> positional, Map<String, ?> keywords) {
        Objects.requireNonNull(positional, "positional arguments");
        Objects.requireNonNull(keywords, "keyword arguments");
        if (positional.size() > parameters.size()) {
            throw new IllegalArgumentException(name + " takes at most " + parameters.size() + " positional argument"
                    + (parameters.size() == 1 ? "" : "s") + " " + signature() + ", got " + positional.size());
        }
        Map<String, Object> given = new LinkedHashMap<>();
        for (int i = 0; i < positional.size(); i++) {
            given.put(parameters.get(i).name(), positional.get(i));
        }
        for (Map.Entry<String, ?> e : keywords.entrySet()) {
            String key = snakeCase(Objects.requireNonNull(e.getKey(), "keyword name"));
            Parameter p = parameter(key);
            if (p == null) {
                throw new IllegalArgumentException(name + " got an unexpected keyword argument '" + e.getKey()
                        + "'; its parameters are " + signature());
            }
            if (given.containsKey(key)) {
                throw new IllegalArgumentException(name + " got multiple values for argument '" + key + "'");
            }
            given.put(key, e.getValue());
        }
        LinkedHashMap<String, Object> values = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            if (!given.containsKey(p.name())) {
                if (p.required()) {
                    throw new IllegalArgumentException(name + " is missing required argument '" + p.name() + "'; "
                            + "its parameters are " + signature());
                }
                values.put(p.name(), p.defaultValue());
                continue;
            }
            Object v = given.get(p.name());
            if (v == null) {
                if (p.required() || p.defaultValue() != null) {
                    throw new IllegalArgumentException(name + ": argument '" + p.name() + "' must not be null");
                }
                values.put(p.name(), null);
            } else {
                values.put(p.name(), p.type().check(name, p.name(), v));
            }
        }
        return new BoundArguments(this, values);
    }

    /**
     * Runs the body.
     *
     * @throws Exception whatever the body throws, unchanged
     */
    public Object invoke(OperationContext context) throws Exception {
        return body.run(context);
    }

    /** The Python-style signature, e.g. {@code (symbol, as_of=None)}. */
    public String signature() {
        return parameters.stream()
                .map(p -> p.required() ? p.name() : p.name() + "=" + python(p.defaultValue()))
                .collect(Collectors.joining(", ", "(", ")"));
    }

    private Parameter parameter(String pythonName) {
        for (Parameter p : parameters) {
            if (p.name().equals(pythonName)) {
                return p;
            }
        }
        return null;
    }

    private static String python(Object v) {
        if (v == null) {
            return "None";
        }
        if (v instanceof Boolean b) {
            return b ? "True" : "False";
        }
        return String.valueOf(v);
    }

    /** {@code asOf} → {@code as_of}; a Python name is returned unchanged. */
    public static String snakeCase(String name) {
        StringBuilder sb = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    sb.append('_');
                }
                sb.append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** {@code read_metadata} → {@code readMetadata}. */
    public static String camelCase(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        boolean upper = false;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '_') {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return name + signature() + " [" + kind + "]";
    }

    /** The code that performs the operation. */
    @FunctionalInterface
    public interface Body {
        Object run(OperationContext context) throws Exception;
    }

    /** Builds an {@link Operation}; the camelCase spelling of the name is added as an alias. */
    public static final class Builder {
        private final String name;
        private final RequestKind kind;
        private final Set<String> aliases = new LinkedHashSet<>();
        private final List<Parameter> parameters = new ArrayList<>();
        private Body body;

        private Builder(String name, RequestKind kind) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("operation name must not be blank");
            }
            this.name = name;
            this.kind = Objects.requireNonNull(kind, "kind");
            String camel = camelCase(name);
            if (!camel.equals(name)) {
                aliases.add(camel);
            }
        }

        public Builder alias(String alias) {
            aliases.add(Objects.requireNonNull(alias, "alias"));
            return this;
        }

        public Builder param(Parameter parameter) {
            Objects.requireNonNull(parameter, "parameter");
            for (Parameter p : parameters) {
                if (p.name().equals(parameter.name())) {
                    throw new IllegalArgumentException(name + ": parameter " + p.name() + " declared twice");
                }
            }
            if (parameter.required() && !parameters.isEmpty() && !parameters.get(parameters.size() - 1).required()) {
                throw new IllegalArgumentException(name + ": required parameter " + parameter.name()
                        + " follows an optional one");
            }
            parameters.add(parameter);
            return this;
        }

        public Builder required(String param, ArgType type) {
            return param(Parameter.required(param, type));
        }

        public Builder optional(String param, ArgType type, Object defaultValue) {
            return param(Parameter.optional(param, type, defaultValue));
        }

        public Builder body(Body body) {
            this.body = body;
            return this;
        }

        public Operation build() {
            return new Operation(this);
        }
    }
}
