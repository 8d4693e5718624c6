package io.github.arcticasync.store;

/** Raised when data has a type or column dtype that the store cannot serialise, or an append changes the row shape. */
public class UnhandledDtypeException extends ArcticException {
    public UnhandledDtypeException(String message) {
        super(message);
    }

    public UnhandledDtypeException(String message, Throwable cause) {
        super(message, cause);
    }
}
