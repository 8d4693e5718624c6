package io.github.arcticasync.internal.execution;

/**
 * What values a parameter accepts, and how a given value is normalised (an {@code Integer} version number from a
 * {@code Long}, say). Implementations throw {@link IllegalArgumentException} naming the parameter and the value.
 */
@FunctionalInterface
public interface ArgType {
    /**
     * The normalised value of a non-null {@code value} for parameter {@code param} of {@code operation}.
     *
     * @throws IllegalArgumentException if the value does not fit
     */
    Object check(String operation, String param, Object value);

    /** The message for a value of the wrong type: names the operation, parameter, expected and actual type. */
    static IllegalArgumentException mismatch(String operation, String param, String expected, Object value) {
        return new IllegalArgumentException(operation + ": argument '" + param + "' must be " + expected + ", was "
                + (value == null ? "null" : value.getClass().getSimpleName() + " " + abbreviate(value)));
    }

    private static String abbreviate(Object value) {
        String s = String.valueOf(value);
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
