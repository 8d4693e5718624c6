package io.github.arcticasync.internal.transport.redis;

import io.github.arcticasync.internal.execution.BoundArguments;
import io.github.arcticasync.internal.execution.Operation;
import io.github.arcticasync.internal.execution.OperationCall;
import io.github.arcticasync.internal.execution.OperationRegistry;
import io.github.arcticasync.internal.protocol.RequestEnvelope;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a validated {@link OperationCall} into the {@link RequestEnvelope} that travels on a stream, and back. The
 * bound arguments travel as keyword arguments by parameter name (no positional ones), so the worker binds them exactly
 * as the client did; the retry choice travels as the keyword {@value #MONGO_RETRY}.
 */
public final class CallEnvelopes {
    /** The keyword carrying {@link OperationCall#retry()}; not a parameter of any operation. */
    public static final String MONGO_RETRY = "mongo_retry";

    private CallEnvelopes() {
    }

    public static RequestEnvelope toEnvelope(String requestId, OperationCall call, Instant submitTime) {
        Map<String, Object> kwargs = new LinkedHashMap<>(call.arguments().values());
        if (call.retry()) {
            kwargs.put(MONGO_RETRY, Boolean.TRUE);
        }
        return RequestEnvelope.of(requestId, call.operation().name(), call.library(), call.symbol(), call.kind(),
                submitTime, null, List.of(), kwargs);
    }

    /**
     * The call an envelope describes, bound and validated again against {@code registry}.
     *
     * @throws IllegalArgumentException if the operation is unknown or the arguments do not fit it
     */
    public static OperationCall toCall(RequestEnvelope envelope, OperationRegistry registry) {
        Operation operation = registry.lookup(envelope.operation());
        Map<String, Object> kwargs = new LinkedHashMap<>(envelope.kwargs());
        Object retry = kwargs.remove(MONGO_RETRY);
        BoundArguments bound = operation.bind(envelope.args(), kwargs);
        OperationCall call = new OperationCall(envelope.library(), bound, envelope.kind(), Boolean.TRUE.equals(retry));
        if (!java.util.Objects.equals(call.symbol(), envelope.symbol())) {
            throw new IllegalArgumentException("envelope symbol " + envelope.symbol() + " does not match the bound "
                    + "symbol " + call.symbol());
        }
        return call;
    }
}
