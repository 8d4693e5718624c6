package io.github.arcticasync.store;

/** Raised when a write or append would exceed the library's {@code QUOTA}. */
public class QuotaExceededException extends ArcticException {
    public QuotaExceededException(String message) {
        super(message);
    }

    public QuotaExceededException(String message, Throwable cause) {
        super(message, cause);
    }
}
