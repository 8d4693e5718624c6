package io.github.arcticasync.internal.protocol;

import io.github.arcticasync.asynchronous.RequestKind;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One submitted operation as it travels to a worker: who asked for what, on which library and symbol, and with which
 * arguments.
 *
 * <p>Times are kept to the microsecond (the wire precision), so an envelope equals its decoded copy. {@code args} and
 * {@code kwargs} may hold only the value types listed in docs/protocol.md; {@link EnvelopeCodec} rejects others.
 *
 * @param requestId  the request's id, unique per namespace
 * @param operation  the operation name as registered (e.g. {@code read}, {@code write_metadata})
 * @param library    the canonical library name ({@code arctic_user.lib} or {@code lib})
 * @param symbol     the symbol the operation works on, or {@code null} for library-wide operations
 * @param kind       whether the operation modifies the symbol (decides the clash rule)
 * @param submitTime when the client submitted it
 * @param deadline   after which no one waits for the result any more, or {@code null}
 * @param args       positional arguments (nulls allowed)
 * @param kwargs     keyword arguments in the caller's order (null values allowed)
 * @param attempt    how many times this request has been delivered to a worker, from 1
 */
public record RequestEnvelope(String requestId, String operation, String library, String symbol, RequestKind kind,
                              Instant submitTime, Instant deadline, List<Object> args, Map<String, Object> kwargs,
                              int attempt) {
    /** Longest request id, operation, library or symbol accepted on the wire, in chars. */
    public static final int MAX_NAME_LENGTH = 4096;

    public RequestEnvelope {
        requireName(requestId, "requestId");
        requireName(operation, "operation");
        requireName(library, "library");
        if (symbol != null && symbol.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("symbol must be at most " + MAX_NAME_LENGTH + " chars, was "
                    + symbol.length());
        }
        Objects.requireNonNull(kind, "kind must not be null");
        submitTime = Objects.requireNonNull(submitTime, "submitTime must not be null").truncatedTo(ChronoUnit.MICROS);
        deadline = deadline == null ? null : deadline.truncatedTo(ChronoUnit.MICROS);
        args = args == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(args));
        if (kwargs == null) {
            kwargs = Map.of();
        } else {
            for (String key : kwargs.keySet()) {
                Objects.requireNonNull(key, "kwargs keys must not be null");
            }
            kwargs = Collections.unmodifiableMap(new LinkedHashMap<>(kwargs));
        }
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt must be >= 1, was " + attempt);
        }
    }

    /** The first delivery of a request with these fields. */
    public static RequestEnvelope of(String requestId, String operation, String library, String symbol,
                                     RequestKind kind, Instant submitTime, Instant deadline, List<Object> args,
                                     Map<String, Object> kwargs) {
        return new RequestEnvelope(requestId, operation, library, symbol, kind, submitTime, deadline, args, kwargs, 1);
    }

    /** The same request, redelivered as attempt {@code attempt}. */
    public RequestEnvelope withAttempt(int attempt) {
        return new RequestEnvelope(requestId, operation, library, symbol, kind, submitTime, deadline, args, kwargs,
                attempt);
    }

    private static void requireName(String value, String field) {
        Objects.requireNonNull(value, field + " must not be null");
        if (value.isEmpty()) {
            throw new IllegalArgumentException(field + " must not be empty");
        }
        if (value.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException(field + " must be at most " + MAX_NAME_LENGTH + " chars, was "
                    + value.length());
        }
    }
}
