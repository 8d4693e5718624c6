package io.github.arcticasync.internal.execution;

import io.github.arcticasync.asynchronous.RequestKind;
import io.github.arcticasync.store.DateRange;
import io.github.arcticasync.store.ReadOptions;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OperationRegistryTest {
    private final OperationRegistry registry = OperationRegistry.standard();

    @Test
    void everyOperationOfTheContractResolvesByPythonAndJavaName() {
        Map<String, String> names = Map.ofEntries(
                Map.entry("read", "read"), Map.entry("write", "write"), Map.entry("append", "append"),
                Map.entry("read_metadata", "readMetadata"), Map.entry("write_metadata", "writeMetadata"),
                Map.entry("has_symbol", "hasSymbol"), Map.entry("list_symbols", "listSymbols"),
                Map.entry("list_versions", "listVersions"), Map.entry("delete", "delete"),
                Map.entry("snapshot", "snapshot"), Map.entry("delete_snapshot", "deleteSnapshot"),
                Map.entry("list_snapshots", "listSnapshots"), Map.entry("restore_version", "restoreVersion"),
                Map.entry("get_info", "getInfo"));
        names.forEach((python, java) -> {
            assertThat(registry.lookup(python).name()).isEqualTo(python);
            assertThat(registry.lookup(java)).isSameAs(registry.lookup(python));
        });
    }

    @Test
    void kindsAreArcticsModifiersAndAccessors() {
        for (String m : List.of("write", "append", "write_metadata", "delete", "snapshot", "delete_snapshot",
                "restore_version")) {
            assertThat(registry.lookup(m).kind()).as(m).isEqualTo(RequestKind.MODIFIER);
        }
        for (String a : List.of("read", "read_metadata", "has_symbol", "list_symbols", "list_versions",
                "list_snapshots", "get_info")) {
            assertThat(registry.lookup(a).kind()).as(a).isEqualTo(RequestKind.ACCESSOR);
        }
    }

    @Test
    void signaturesFollowArcticsPythonSignatures() {
        assertThat(registry.lookup("read").signature())
                .isEqualTo("(symbol, as_of=None, date_range=None, from_version=None)");
        assertThat(registry.lookup("write").signature())
                .isEqualTo("(symbol, data, metadata=None, prune_previous_version=True)");
        assertThat(registry.lookup("append").signature())
                .isEqualTo("(symbol, data, metadata=None, prune_previous_version=True, upsert=True)");
        assertThat(registry.lookup("list_versions").signature())
                .isEqualTo("(symbol=None, snapshot=None, latest_only=False)");
    }

    @Test
    void anUnknownNameIsRejectedNamingIt() {
        assertThatThrownBy(() -> registry.lookup("raed")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'raed'").hasMessageContaining("read_metadata");
    }

    @Test
    void positionalAndKeywordArgumentsBindLikePython() {
        Operation read = registry.lookup("read");
        BoundArguments a = read.bind(List.of("AAPL", 3), Map.of("fromVersion", 2));
        assertThat(a.symbol()).isEqualTo("AAPL");
        assertThat(a.values()).containsEntry("as_of", 3).containsEntry("from_version", 2)
                .containsEntry("date_range", null);
        BoundArguments k = read.bind(List.of(), Map.of("symbol", "MSFT"));
        assertThat(k.symbol()).isEqualTo("MSFT");
        BoundArguments w = registry.lookup("write").bind(List.of("X", new Object()), Map.of());
        assertThat(w.values()).containsEntry("prune_previous_version", true).containsEntry("metadata", null);
    }

    @Test
    void argumentsThatDoNotFitAreRejectedNamingTheProblem() {
        Operation read = registry.lookup("read");
        assertThatThrownBy(() -> read.bind(List.of("A", 1, DateRange.of(Instant.EPOCH, null), 1, 5), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 4 positional");
        assertThatThrownBy(() -> read.bind(List.of("A"), Map.of("as_off", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unexpected keyword argument 'as_off'");
        assertThatThrownBy(() -> read.bind(List.of("A"), Map.of("symbol", "B")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("multiple values for argument 'symbol'");
        assertThatThrownBy(() -> read.bind(List.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("missing required argument 'symbol'");
        assertThatThrownBy(() -> read.bind(List.of(42), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'symbol' must be a String");
        assertThatThrownBy(() -> read.bind(List.of("A", 1.5), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'as_of'");
        assertThatThrownBy(() -> read.bind(List.of("A", 0), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(">= 1");
        assertThatThrownBy(() -> registry.lookup("write").bind(List.of("A", new Object(), Map.of(1, 2)), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metadata");
        assertThatThrownBy(() -> registry.lookup("write").bind(java.util.Arrays.asList("A", new Object(), null, "yes"), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prune_previous_version");
        assertThatThrownBy(() -> registry.lookup("restore_version").bind(List.of("A", 2, false), Map.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prune_previous_version");
        java.util.Map<String, Object> nullPrune = new java.util.HashMap<>();
        nullPrune.put("prune_previous_version", null);
        assertThatThrownBy(() -> registry.lookup("write").bind(List.of("A", new Object()), nullPrune))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be null");
    }

    @Test
    void asOfBecomesReadOptions() {
        Operation read = registry.lookup("read");
        Instant t = Instant.parse("2024-01-02T03:04:05Z");
        assertThat(StandardOperations.readOptions(read.bind(List.of("A", 3), Map.of())).asOfVersion()).isEqualTo(3);
        assertThat(StandardOperations.readOptions(read.bind(List.of("A", 3L), Map.of())).asOfVersion()).isEqualTo(3);
        assertThat(StandardOperations.readOptions(read.bind(List.of("A", "snap"), Map.of())).asOfSnapshot())
                .isEqualTo("snap");
        assertThat(StandardOperations.readOptions(read.bind(List.of("A", t), Map.of())).asOfTime()).isEqualTo(t);
        ReadOptions latest = StandardOperations.readOptions(read.bind(List.of("A"), Map.of("from_version", 2)));
        assertThat(latest.isLatest()).isTrue();
        assertThat(latest.fromVersion()).isEqualTo(2);
    }

    @Test
    void symbolIsNullForOperationsWithoutOne() {
        assertThat(registry.lookup("list_symbols").bind(List.of(), Map.of()).symbol()).isNull();
        assertThat(registry.lookup("snapshot").bind(List.of("eod"), Map.of()).symbol()).isNull();
        assertThat(registry.lookup("list_versions").bind(List.of(), Map.of("symbol", "S")).symbol()).isEqualTo("S");
    }

    @Test
    void theCallersModifierFlagOnlyMakesARequestStricter() {
        BoundArguments read = registry.lookup("read").bind(List.of("A"), Map.of());
        BoundArguments write = registry.lookup("write").bind(List.of("A", new Object()), Map.of());
        assertThat(OperationCall.of("lib", read, false, false).kind()).isEqualTo(RequestKind.ACCESSOR);
        assertThat(OperationCall.of("lib", read, true, false).kind()).isEqualTo(RequestKind.MODIFIER);
        assertThat(OperationCall.of("lib", write, false, false).kind()).isEqualTo(RequestKind.MODIFIER);
        assertThatThrownBy(() -> new OperationCall("lib", write, RequestKind.ACCESSOR, false))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void duplicateNamesInARegistryAreRejected() {
        Operation a = Operation.builder("has_symbol", RequestKind.ACCESSOR).body(c -> null).build();
        Operation b = Operation.builder("hasSymbol", RequestKind.ACCESSOR).body(c -> null).build();
        assertThatThrownBy(() -> new OperationRegistry(List.of(a, b))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hasSymbol");
    }
}
