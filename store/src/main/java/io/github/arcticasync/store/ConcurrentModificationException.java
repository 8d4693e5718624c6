package io.github.arcticasync.store;

/** Raised when a symbol was modified concurrently and a read or write saw an inconsistent state. */
public class ConcurrentModificationException extends DataIntegrityException {
    public ConcurrentModificationException(String message) {
        super(message);
    }

    public ConcurrentModificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
