package io.github.arcticasync.store;

/** Raised when a snapshot name is already taken in the library. */
public class DuplicateSnapshotException extends ArcticException {
    public DuplicateSnapshotException(String message) {
        super(message);
    }

    public DuplicateSnapshotException(String message, Throwable cause) {
        super(message, cause);
    }
}
