package io.github.arcticasync.internal.protocol;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The outcome of one request as it travels back to the waiters: either the operation's value or its error, with when
 * and where it ran.
 *
 * <p>Exactly one of {@code value} (possibly {@code null}) and {@code error} applies: {@code error} is {@code null}
 * exactly when the operation succeeded. Times are kept to the microsecond, the wire precision.
 *
 * @param requestId the id of the request this answers
 * @param value     the operation's return value when it succeeded (may be {@code null}), else {@code null}
 * @param error     the failure, or {@code null} on success
 * @param startTime when the worker started running it, or {@code null}
 * @param endTime   when it finished, or {@code null}
 * @param workerId  the worker (or local pool) that ran it, or {@code null}
 */
public record ResultEnvelope(String requestId, Object value, RemoteError error, Instant startTime, Instant endTime,
                             String workerId) {
    public ResultEnvelope {
        Objects.requireNonNull(requestId, "requestId must not be null");
        if (requestId.isEmpty()) {
            throw new IllegalArgumentException("requestId must not be empty");
        }
        if (error != null && value != null) {
            throw new IllegalArgumentException("a failed result carries no value, got " + value.getClass().getName());
        }
        startTime = startTime == null ? null : startTime.truncatedTo(ChronoUnit.MICROS);
        endTime = endTime == null ? null : endTime.truncatedTo(ChronoUnit.MICROS);
    }

    /** A successful result. */
    public static ResultEnvelope success(String requestId, Object value, Instant startTime, Instant endTime,
                                         String workerId) {
        return new ResultEnvelope(requestId, value, null, startTime, endTime, workerId);
    }

    /** A failed result describing {@code error}. */
    public static ResultEnvelope failure(String requestId, Throwable error, Instant startTime, Instant endTime,
                                         String workerId) {
        return new ResultEnvelope(requestId, null, RemoteError.of(error), startTime, endTime, workerId);
    }

    /** True when the operation returned normally. */
    public boolean isSuccess() {
        return error == null;
    }

    /**
     * The operation's value, or throws the rebuilt exception ({@link RemoteError#toException()}) when it failed.
     */
    public Object valueOrThrow() {
        if (error != null) {
            throw error.toException();
        }
        return value;
    }
}
