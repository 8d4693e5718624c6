package io.github.arcticasync.internal.execution;

import java.util.Objects;

/**
 * The unit of Arctic's clash rule: a (library, symbol) pair. A null symbol (list_symbols, snapshot, ...) is a key of
 * its own, as in Arctic; it does not mean "the whole library".
 *
 * @param library the canonical library name
 * @param symbol  the symbol, or null for operations without one
 */
public record SymbolKey(String library, String symbol) {
    public SymbolKey {
        Objects.requireNonNull(library, "library must not be null");
    }

    @Override
    public String toString() {
        return library + "/" + symbol;
    }
}
