package io.github.arcticasync.asynchronous;

/**
 * A duration that is not known yet (a timing of an unfinished request) or a wait that ran out of time; as Arctic's
 * {@code RequestDurationException}. A timed-out request keeps running and can be waited on again.
 */
public class RequestDurationException extends AsyncArcticException {
    public RequestDurationException(String message) {
        super(message);
    }

    public RequestDurationException(String message, Throwable cause) {
        super(message, cause);
    }
}
