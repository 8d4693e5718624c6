package io.github.arcticasync.store;

/** Raised when another writer changed a symbol between our read and our write, and retrying is the caller's choice. */
public class OptimisticLockException extends ArcticException {
    public OptimisticLockException(String message) {
        super(message);
    }

    public OptimisticLockException(String message, Throwable cause) {
        super(message, cause);
    }
}
