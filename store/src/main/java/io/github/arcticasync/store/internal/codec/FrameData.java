package io.github.arcticasync.store.internal.codec;

import java.util.List;

/**
 * The contents of a DataFrame as the codec sees them: index levels (empty for a range index) and data columns.
 *
 * @param index    index levels, level 0 first; empty means a range index 0..n-1
 * @param columns  data columns in order
 * @param rowCount rows
 */
public record FrameData(List<Column> index, List<Column> columns, int rowCount) {
    public FrameData {
        index = List.copyOf(index);
        columns = List.copyOf(columns);
    }
}
