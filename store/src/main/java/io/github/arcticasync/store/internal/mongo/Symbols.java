package io.github.arcticasync.store.internal.mongo;

import java.nio.charset.StandardCharsets;

/** Validates symbol names before they reach MongoDB. */
final class Symbols {
    /** The longest symbol accepted, in UTF-8 bytes (index keys stay far below MongoDB's limits). */
    static final int MAX_BYTES = 1024;

    private Symbols() {
    }

    static String check(String symbol) {
        if (symbol == null) {
            throw new IllegalArgumentException("symbol must not be null");
        }
        if (symbol.isEmpty()) {
            throw new IllegalArgumentException("symbol must not be empty");
        }
        if (symbol.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("symbol must not contain NUL characters");
        }
        int bytes = symbol.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            throw new IllegalArgumentException("symbol is " + bytes + " bytes long; the limit is " + MAX_BYTES);
        }
        return symbol;
    }

    /**
     * Chunked items hash {@code symbol.encode('ascii')} into segment shas (arctic-format.md §2.7), so Python could
     * not update a non-ASCII symbol: refuse it.
     */
    static void checkAsciiForChunks(String symbol) {
        for (int i = 0; i < symbol.length(); i++) {
            if (symbol.charAt(i) > 0x7F) {
                throw new IllegalArgumentException("symbol '" + symbol + "' contains non-ASCII characters, which"
                        + " Arctic cannot store for DataFrame, Series or NdArray data");
            }
        }
    }
}
