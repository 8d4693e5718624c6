package io.github.arcticasync.store;

/** Raised when a library is not initialised, or its metadata names no known library type. */
public class LibraryNotFoundException extends ArcticException {
    public LibraryNotFoundException(String message) {
        super(message);
    }

    public LibraryNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
