package io.github.arcticasync.store;

import io.github.arcticasync.store.internal.codec.Column;
import io.github.arcticasync.store.internal.codec.ColumnArrays;
import io.github.arcticasync.store.internal.codec.FrameData;
import java.util.ArrayList;
import java.util.List;

/** Prints the first rows of a frame as a small text table for toString. */
final class FrameFormat {
    private FrameFormat() {
    }

    static String format(String title, FrameData data, int maxRows) {
        List<Column> all = new ArrayList<>(data.index());
        all.addAll(data.columns());
        StringBuilder sb = new StringBuilder();
        sb.append(title).append('[').append(data.rowCount()).append(" rows x ").append(data.columns().size())
                .append(" columns; index ");
        if (data.index().isEmpty()) {
            sb.append("RangeIndex");
        } else {
            for (int i = 0; i < data.index().size(); i++) {
                Column c = data.index().get(i);
                sb.append(i == 0 ? "" : ", ").append(c.name() == null ? "(unnamed)" : c.name()).append(' ')
                        .append(c.dtype().str());
                if (c.timezone() != null) {
                    sb.append(" tz=").append(c.timezone());
                }
            }
        }
        sb.append(']');
        sb.append('\n');
        for (int i = 0; i < all.size(); i++) {
            Column c = all.get(i);
            sb.append(i == 0 ? "" : " | ").append(c.name() == null ? "" : c.name());
            if (i >= data.index().size()) {
                sb.append(" (").append(c.dtype().str()).append(')');
            }
        }
        int shown = Math.min(maxRows, data.rowCount());
        for (int r = 0; r < shown; r++) {
            sb.append('\n');
            for (int i = 0; i < all.size(); i++) {
                Column c = all.get(i);
                sb.append(i == 0 ? "" : " | ").append(ColumnArrays.format(c.values(), c.dtype(), r));
            }
        }
        if (shown < data.rowCount()) {
            sb.append("\n... ").append(data.rowCount() - shown).append(" more rows");
        }
        return sb.toString();
    }
}
