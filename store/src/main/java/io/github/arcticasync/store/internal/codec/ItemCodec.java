package io.github.arcticasync.store.internal.codec;

import java.util.List;
import org.bson.Document;

/**
 * Converts between the public values ({@code DataFrame}, {@code Series}, {@code NdArray}) and Arctic's
 * numpy-records bytes (arctic-format.md §3). The one place that knows numpy dtypes.
 */
public final class ItemCodec {
    private ItemCodec() {
    }

    /** True when {@link #encode} accepts this value (a DataFrame, Series or NdArray). */
    public static boolean canEncode(Object data) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Flattens a value to records. Throws UnhandledDtypeException / ArcticException naming the problem
     * (e.g. an empty column name).
     */
    public static EncodedItem encode(Object data) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Rebuilds the value from {@code rowCount} packed rows as a version document describes them. */
    public static Object decode(String type, String dtype, Document dtypeMetadata, List<Integer> shape, byte[] rows,
                                int rowCount) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Bytes per row of a stored dtype and shape. */
    public static int rowSize(String dtype, List<Integer> shape) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Offset of the first {@code <M8[ns]} field of a structured dtype, or -1. */
    public static int datetimeFieldOffset(String dtype) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Arctic's append dtype rule (arctic-format.md §2.11): the dtype of previous + new rows. Every previous field
     * must remain; numeric and string widths promote; the new item's field order wins.
     */
    public static String promote(String previousDtype, String newDtype) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Re-packs rows of {@code fromDtype} as {@code toDtype} (a promotion): new float fields NaN, others zero. */
    public static byte[] convertRows(byte[] rows, int rowCount, String fromDtype, String toDtype) {
        throw new UnsupportedOperationException("TODO");
    }
}
