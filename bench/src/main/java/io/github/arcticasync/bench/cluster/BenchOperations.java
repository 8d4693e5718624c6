package io.github.arcticasync.bench.cluster;

import io.github.arcticasync.bench.Frames;
import io.github.arcticasync.internal.execution.ArgType;
import io.github.arcticasync.internal.execution.ArgTypes;
import io.github.arcticasync.internal.execution.Operation;
import io.github.arcticasync.internal.execution.OperationRegistry;
import io.github.arcticasync.store.DataFrame;

import java.util.ArrayList;
import java.util.List;

import static io.github.arcticasync.asynchronous.RequestKind.ACCESSOR;

/**
 * The standard operations plus three that exist only in the benchmark, so the transport can be measured without
 * MongoDB in the way: {@code bench_noop} (returns true, touches no store), {@code bench_frame} (returns a cached
 * DataFrame of {@link #FRAME_ROWS} rows, 256 KiB of row bytes) and {@code bench_sleep} (blocks its thread for
 * {@code millis}, the stand-in for an I/O-bound operation). Clients and the bench's workers must use the same registry:
 * the wire codec only accepts registered names.
 */
public final class BenchOperations {
    /** Rows of the 256 KiB frame: 6,554 rows × 40 bytes = 262,160 bytes ≥ 256 KiB. */
    public static final int FRAME_ROWS = 6_554;
    /** The frame {@code bench_frame} returns and the harness writes as symbol {@code BLOB}. */
    public static final DataFrame FRAME = Frames.prices(FRAME_ROWS, 11);

    private static final OperationRegistry REGISTRY = build();

    private BenchOperations() {
    }

    public static OperationRegistry registry() {
        return REGISTRY;
    }

    private static Object millis(String operation, String param, Object value) {
        if (!(value instanceof Integer i) || i < 0) {
            throw ArgType.mismatch(operation, param, "a non-negative Integer", value);
        }
        return value;
    }

    private static OperationRegistry build() {
        List<Operation> ops = new ArrayList<>(OperationRegistry.standard().operations());
        ops.add(Operation.builder("bench_noop", ACCESSOR)
                .required("symbol", ArgTypes.NAME)
                .body(c -> Boolean.TRUE)
                .build());
        ops.add(Operation.builder("bench_frame", ACCESSOR)
                .required("symbol", ArgTypes.NAME)
                .body(c -> FRAME)
                .build());
        ops.add(Operation.builder("bench_sleep", ACCESSOR)
                .required("symbol", ArgTypes.NAME)
                .required("millis", BenchOperations::millis)
                .body(c -> {
                    Thread.sleep(((Number) c.args().get("millis")).longValue());
                    return Boolean.TRUE;
                })
                .build());
        return new OperationRegistry(ops);
    }
}
