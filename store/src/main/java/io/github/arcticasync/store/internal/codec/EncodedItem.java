package io.github.arcticasync.store.internal.codec;

import java.util.List;
import org.bson.Document;

/**
 * An item flattened to Arctic's numpy-records form: the packed little-endian rows plus the version-document fields
 * that describe them.
 *
 * @param type                  {@code pandasdf}, {@code pandasseries} or {@code ndarray}
 * @param dtype                 numpy's {@code str(dtype)}, e.g. {@code [('index', '<M8[ns]'), ('price', '<f8')]}
 * @param dtypeMetadata         {@code {index, columns[, index_tz]}} for pandas types, empty for ndarray
 * @param shape                 {@code [-1]} or {@code [-1, d1, ...]}
 * @param rowSize               bytes per row ({@code itemsize * prod(shape[1:])})
 * @param rowCount              number of rows
 * @param rows                  {@code rowCount * rowSize} bytes, rows back to back
 * @param datetimeFieldOffset   byte offset inside a row of the first {@code <M8[ns]} field (what
 *                              {@code segment_index} and date ranges use), or -1 when there is none or the type
 *                              is ndarray
 */
public record EncodedItem(String type, String dtype, Document dtypeMetadata, List<Integer> shape, int rowSize,
                          int rowCount, byte[] rows, int datetimeFieldOffset) {
}
