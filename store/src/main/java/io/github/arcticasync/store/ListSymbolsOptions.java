package io.github.arcticasync.store;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Filters for {@link VersionStore#listSymbols(ListSymbolsOptions)}, as Python's
 * {@code list_symbols(all_symbols, snapshot, regex, **kwargs)}: each metadata entry {@code k -> v} matches
 * {@code metadata.k == v} (v may be an operator document such as {@code Map.of("$gt", 5)}).
 */
public record ListSymbolsOptions(String regex, String snapshot, boolean allSymbols, Map<String, Object> metadata) {
    public ListSymbolsOptions {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    public static ListSymbolsOptions all() {
        return new ListSymbolsOptions(null, null, false, Map.of());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ListSymbolsOptions}. */
    public static final class Builder {
        private String regex;
        private String snapshot;
        private boolean allSymbols;
        private final Map<String, Object> metadata = new LinkedHashMap<>();

        private Builder() {
        }

        public Builder regex(String regex) {
            this.regex = Objects.requireNonNull(regex, "regex must not be null");
            return this;
        }

        public Builder snapshot(String snapshot) {
            this.snapshot = Objects.requireNonNull(snapshot, "snapshot must not be null");
            return this;
        }

        public Builder allSymbols(boolean allSymbols) {
            this.allSymbols = allSymbols;
            return this;
        }

        public Builder metadata(String key, Object value) {
            Objects.requireNonNull(key, "metadata key must not be null");
            metadata.put(key, value);
            return this;
        }

        public ListSymbolsOptions build() {
            return new ListSymbolsOptions(regex, snapshot, allSymbols, metadata);
        }
    }
}
