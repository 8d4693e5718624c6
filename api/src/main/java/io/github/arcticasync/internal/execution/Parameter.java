package io.github.arcticasync.internal.execution;

import java.util.Objects;

/**
 * One parameter of an operation, named as in Arctic's Python signature.
 *
 * @param name         the Python name ({@code as_of}); its camelCase form ({@code asOf}) is accepted too
 * @param type         the values it accepts
 * @param required     whether a value must be given
 * @param defaultValue the value when not given (null = Python's {@code None}); an explicit null is accepted only when
 *                     this is null
 */
public record Parameter(String name, ArgType type, boolean required, Object defaultValue) {
    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if (required && defaultValue != null) {
            throw new IllegalArgumentException("required parameter " + name + " cannot have a default");
        }
    }

    /** A parameter that must be given and must not be null. */
    public static Parameter required(String name, ArgType type) {
        return new Parameter(name, type, true, null);
    }

    /** A parameter that defaults to {@code defaultValue} ({@code null} = None). */
    public static Parameter optional(String name, ArgType type, Object defaultValue) {
        return new Parameter(name, type, false, defaultValue);
    }
}
