package io.github.arcticasync.store;

/** Raised when appended rows start before the last row already stored. */
public class OverlappingDataException extends DataIntegrityException {
    public OverlappingDataException(String message) {
        super(message);
    }

    public OverlappingDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
