package io.github.arcticasync.asynchronous;

import io.github.arcticasync.store.ArcticException;

/** An error of the asynchronous machinery itself (not of the operation it ran), as Arctic's {@code AsyncArcticException}. */
public class AsyncArcticException extends ArcticException {
    public AsyncArcticException(String message) {
        super(message);
    }

    public AsyncArcticException(String message, Throwable cause) {
        super(message, cause);
    }
}
