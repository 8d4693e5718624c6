package io.github.arcticasync.store;

import java.util.Map;

/**
 * One version of a symbol as returned by reads and writes, mirroring Python Arctic's {@code VersionedItem}.
 *
 * @param symbol   the symbol
 * @param library  the canonical library name ({@code arctic_user.lib})
 * @param data     a {@link DataFrame}, {@link Series}, {@link NdArray}, {@link UnreadableItem}, an inline BSON value,
 *                 or {@code null} (writes and {@code readMetadata} return no data)
 * @param version  the version number
 * @param metadata user metadata, empty when none
 * @param host     where the store lives, as Arctic reports it
 */
public record VersionedItem(String symbol, String library, Object data, int version, Map<String, Object> metadata,
                            String host) {
    public VersionedItem {
        metadata = metadata == null ? Map.of() : metadata;
    }
}
