package io.github.arcticasync.store.internal.codec;

import io.github.arcticasync.store.DataFrame;
import io.github.arcticasync.store.NdArray;
import java.util.List;
import java.util.Objects;

/**
 * The codec's door into the immutable public values: reads their arrays without copying and builds values around
 * fresh arrays without re-validating them. Registered once by the model classes; not for use outside the store.
 */
public final class ModelAccess {
    /** What the model classes provide. */
    public interface Bridge {
        FrameData frameData(DataFrame frame);

        DataFrame frame(FrameData data);

        /** A plain array's values (flat, row-major) and dtype, or {@code null} values for a structured one. */
        Column arrayData(NdArray array);

        int[] shape(NdArray array);

        /** The fields of a structured array, or {@code null} for a plain one. */
        List<Column> arrayFields(NdArray array);

        NdArray plainArray(Column flat, int[] shape);

        NdArray structuredArray(List<Column> fields);
    }

    private static volatile Bridge bridge;

    private ModelAccess() {
    }

    /** Called by the model classes' static initialisers; only the first registration counts. */
    public static synchronized void register(Bridge b) {
        if (bridge == null) {
            bridge = Objects.requireNonNull(b);
        }
    }

    public static Bridge bridge() {
        Bridge b = bridge;
        if (b == null) {
            // Initialising the model classes registers the bridge.
            DataFrame.builder();
            b = bridge;
        }
        return b;
    }
}
