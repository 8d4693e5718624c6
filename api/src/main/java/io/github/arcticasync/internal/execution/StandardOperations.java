package io.github.arcticasync.internal.execution;

import io.github.arcticasync.store.DateRange;
import io.github.arcticasync.store.ListSymbolsOptions;
import io.github.arcticasync.store.ReadOptions;
import io.github.arcticasync.store.VersionStore;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.github.arcticasync.asynchronous.RequestKind.ACCESSOR;
import static io.github.arcticasync.asynchronous.RequestKind.MODIFIER;

/** The VersionStore operations, with the parameters of Arctic's Python signatures (arctic-format.md §4). */
final class StandardOperations {
    private StandardOperations() {
    }

    static List<Operation> all() {
        return List.of(
                Operation.builder("read", ACCESSOR)
                        .required("symbol", ArgTypes.NAME)
                        .optional("as_of", ArgTypes.AS_OF, null)
                        .optional("date_range", ArgTypes.DATE_RANGE, null)
                        .optional("from_version", ArgTypes.VERSION, null)
                        .body(c -> c.store().read(c.args().symbol(), readOptions(c.args())))
                        .build(),
                Operation.builder("read_metadata", ACCESSOR)
                        .required("symbol", ArgTypes.NAME)
                        .optional("as_of", ArgTypes.AS_OF, null)
                        .body(c -> c.store().readMetadata(c.args().symbol(), readOptions(c.args())))
                        .build(),
                Operation.builder("write", MODIFIER)
                        .required("symbol", ArgTypes.NAME)
                        .required("data", ArgTypes.DATA)
                        .optional("metadata", ArgTypes.METADATA, null)
                        .optional("prune_previous_version", ArgTypes.BOOLEAN, true)
                        .body(c -> c.store().write(c.args().symbol(), c.args().get("data"), metadata(c.args()),
                                c.args().get("prune_previous_version", Boolean.class)))
                        .build(),
                Operation.builder("append", MODIFIER)
                        .required("symbol", ArgTypes.NAME)
                        .required("data", ArgTypes.DATA)
                        .optional("metadata", ArgTypes.METADATA, null)
                        .optional("prune_previous_version", ArgTypes.BOOLEAN, true)
                        .optional("upsert", ArgTypes.BOOLEAN, true)
                        .body(c -> c.store().append(c.args().symbol(), c.args().get("data"), metadata(c.args()),
                                c.args().get("prune_previous_version", Boolean.class),
                                c.args().get("upsert", Boolean.class)))
                        .build(),
                Operation.builder("write_metadata", MODIFIER)
                        .required("symbol", ArgTypes.NAME)
                        .required("metadata", ArgTypes.METADATA)
                        .optional("prune_previous_version", ArgTypes.BOOLEAN, true)
                        .body(c -> c.store().writeMetadata(c.args().symbol(), metadata(c.args()),
                                c.args().get("prune_previous_version", Boolean.class)))
                        .build(),
                Operation.builder("has_symbol", ACCESSOR)
                        .required("symbol", ArgTypes.NAME)
                        .optional("as_of", ArgTypes.AS_OF, null)
                        .body(c -> c.store().hasSymbol(c.args().symbol(), readOptions(c.args())))
                        .build(),
                Operation.builder("list_symbols", ACCESSOR)
                        .optional("all_symbols", ArgTypes.BOOLEAN, false)
                        .optional("snapshot", ArgTypes.NAME, null)
                        .optional("regex", ArgTypes.STRING, null)
                        .body(c -> c.store().listSymbols(new ListSymbolsOptions(c.args().get("regex", String.class),
                                c.args().get("snapshot", String.class), c.args().get("all_symbols", Boolean.class),
                                Map.of())))
                        .build(),
                Operation.builder("list_versions", ACCESSOR)
                        .optional("symbol", ArgTypes.NAME, null)
                        .optional("snapshot", ArgTypes.NAME, null)
                        .optional("latest_only", ArgTypes.BOOLEAN, false)
                        .body(c -> c.store().listVersions(c.args().symbol(), c.args().get("snapshot", String.class),
                                c.args().get("latest_only", Boolean.class)))
                        .build(),
                Operation.builder("delete", MODIFIER)
                        .required("symbol", ArgTypes.NAME)
                        .body(c -> {
                            c.store().delete(c.args().symbol());
                            return null;
                        })
                        .build(),
                Operation.builder("snapshot", MODIFIER)
                        .required("snap_name", ArgTypes.NAME)
                        .optional("metadata", ArgTypes.METADATA, null)
                        .optional("skip_symbols", ArgTypes.NAME_LIST, null)
                        .optional("versions", ArgTypes.VERSION_MAP, null)
                        .body(StandardOperations::snapshot)
                        .build(),
                Operation.builder("delete_snapshot", MODIFIER)
                        .required("snap_name", ArgTypes.NAME)
                        .body(c -> {
                            c.store().deleteSnapshot(c.args().get("snap_name", String.class));
                            return null;
                        })
                        .build(),
                Operation.builder("list_snapshots", ACCESSOR)
                        .body(c -> c.store().listSnapshots())
                        .build(),
                Operation.builder("restore_version", MODIFIER)
                        .required("symbol", ArgTypes.NAME)
                        .required("as_of", ArgTypes.VERSION_OR_SNAPSHOT)
                        .optional("prune_previous_version", StandardOperations::onlyTrue, true)
                        .body(StandardOperations::restoreVersion)
                        .build(),
                Operation.builder("get_info", ACCESSOR)
                        .required("symbol", ArgTypes.NAME)
                        .optional("as_of", ArgTypes.AS_OF, null)
                        .body(c -> c.store().getInfo(c.args().symbol(), readOptions(c.args())))
                        .build());
    }

    /** The {@link ReadOptions} of {@code as_of}, {@code date_range} and {@code from_version}, where present. */
    static ReadOptions readOptions(BoundArguments args) {
        Map<String, Object> v = args.values();
        ReadOptions.Builder b = ReadOptions.builder();
        Object asOf = v.get("as_of");
        if (asOf instanceof Integer n) {
            b.asOf(n);
        } else if (asOf instanceof String s) {
            b.asOf(s);
        } else if (asOf instanceof Instant t) {
            b.asOf(t);
        }
        if (v.get("date_range") instanceof DateRange r) {
            b.dateRange(r);
        }
        if (v.get("from_version") instanceof Integer n) {
            b.fromVersion(n);
        }
        return b.build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> metadata(BoundArguments args) {
        return (Map<String, Object>) args.get("metadata");
    }

    @SuppressWarnings("unchecked")
    private static Object snapshot(OperationContext c) {
        BoundArguments a = c.args();
        VersionStore store = c.store();
        String name = a.get("snap_name", String.class);
        List<String> skip = (List<String>) a.get("skip_symbols");
        Map<String, Integer> versions = (Map<String, Integer>) a.get("versions");
        Map<String, Object> metadata = metadata(a);
        if (skip == null && versions == null) {
            if (metadata == null) {
                store.snapshot(name);
            } else {
                store.snapshot(name, metadata);
            }
        } else {
            store.snapshot(name, metadata, skip, versions);
        }
        return null;
    }

    /** The store's restoreVersion always prunes; asking it not to is refused at submit rather than ignored. */
    private static Object onlyTrue(String op, String param, Object v) {
        if (!Boolean.TRUE.equals(v)) {
            throw new IllegalArgumentException(op + ": argument '" + param + "' can only be True (the store always "
                    + "prunes on restore), was " + v);
        }
        return v;
    }

    private static Object restoreVersion(OperationContext c) {
        BoundArguments a = c.args();
        Object asOf = a.get("as_of");
        return asOf instanceof Integer n
                ? c.store().restoreVersion(a.symbol(), n)
                : c.store().restoreVersion(a.symbol(), (String) asOf);
    }
}
