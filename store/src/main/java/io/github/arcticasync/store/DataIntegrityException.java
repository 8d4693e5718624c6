package io.github.arcticasync.store;

/** Raised when stored data or an append would break the store's integrity rules. */
public class DataIntegrityException extends ArcticException {
    public DataIntegrityException(String message) {
        super(message);
    }

    public DataIntegrityException(String message, Throwable cause) {
        super(message, cause);
    }
}
