package io.github.arcticasync.internal.transport;

import io.github.arcticasync.asynchronous.RequestKind;
import io.github.arcticasync.internal.execution.ArgTypes;
import io.github.arcticasync.internal.execution.Operation;
import io.github.arcticasync.internal.execution.OperationCall;

import java.util.List;
import java.util.Map;

/** In-memory operations for transport tests: the body is the test's; no store is involved. */
final class Calls {
    private Calls() {
    }

    static OperationCall call(String symbol, RequestKind kind, Operation.Body body) {
        return call(symbol, kind, false, body);
    }

    static OperationCall call(String symbol, RequestKind kind, boolean retry, Operation.Body body) {
        Operation op = Operation.builder(kind == RequestKind.MODIFIER ? "test_modify" : "test_access", kind)
                .required("symbol", ArgTypes.NAME).body(body).build();
        return OperationCall.of("lib", op.bind(List.of(symbol), Map.of()), false, retry);
    }
}
