package io.github.arcticasync.store;

/** Raised when a symbol, version, snapshot or library entry that was asked for does not exist (or is deleted). */
public class NoDataFoundException extends ArcticException {
    public NoDataFoundException(String message) {
        super(message);
    }

    public NoDataFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
