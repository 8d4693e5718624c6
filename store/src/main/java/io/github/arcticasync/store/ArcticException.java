package io.github.arcticasync.store;

/** The root of every error the Arctic store raises; unchecked, like Python Arctic's {@code ArcticException}. */
public class ArcticException extends RuntimeException {
    public ArcticException(String message) {
        super(message);
    }

    public ArcticException(String message, Throwable cause) {
        super(message, cause);
    }
}
