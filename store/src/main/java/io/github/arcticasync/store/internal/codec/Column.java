package io.github.arcticasync.store.internal.codec;

/**
 * One named, typed array of a frame: a data column or an index level.
 *
 * @param name     the label ({@code null} for an unnamed index level)
 * @param dtype    its numpy type
 * @param values   the Java array ({@link Dtype#javaArrayType()}); owned, never handed out uncopied
 * @param timezone zone name of a tz-aware datetime index level, else {@code null}
 */
public record Column(String name, Dtype dtype, Object values, String timezone) {
    public int length() {
        return ColumnArrays.length(values);
    }
}
