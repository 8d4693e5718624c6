package io.github.arcticasync.internal.execution;

/**
 * How one execution ended: a value, or the error the operation threw (the original instance), and how many attempts
 * it took.
 *
 * @param value    the result (may be null), when {@code error} is null
 * @param error    what the operation threw, or null on success
 * @param attempts attempts made, ≥ 1
 */
public record Outcome(Object value, Throwable error, int attempts) {
    public static Outcome success(Object value, int attempts) {
        return new Outcome(value, null, attempts);
    }

    public static Outcome failure(Throwable error, int attempts) {
        return new Outcome(null, java.util.Objects.requireNonNull(error, "error"), attempts);
    }

    public boolean succeeded() {
        return error == null;
    }
}
