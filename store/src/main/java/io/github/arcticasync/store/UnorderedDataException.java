package io.github.arcticasync.store;

/** Raised when appended rows are not sorted by their datetime index. */
public class UnorderedDataException extends DataIntegrityException {
    public UnorderedDataException(String message) {
        super(message);
    }

    public UnorderedDataException(String message, Throwable cause) {
        super(message, cause);
    }
}
