package io.github.arcticasync.store;

/** Raised when stored bytes cannot be decoded, or a value cannot be encoded, in Arctic's format. */
public class ArcticSerializationException extends ArcticException {
    public ArcticSerializationException(String message) {
        super(message);
    }

    public ArcticSerializationException(String message, Throwable cause) {
        super(message, cause);
    }
}
