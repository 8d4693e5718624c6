package io.github.arcticasync.internal.execution;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The operations that may be submitted, by Python name and Java alias. Only registered operations can be submitted
 * or decoded from the wire. Immutable and thread-safe.
 */
public final class OperationRegistry {
    private static final OperationRegistry STANDARD = new OperationRegistry(StandardOperations.all());

    private final Map<String, Operation> byName = new LinkedHashMap<>();
    private final List<Operation> operations;

    /**
     * A registry of {@code operations}.
     *
     * @throws IllegalArgumentException if two operations share a name or alias
     */
    public OperationRegistry(Collection<Operation> operations) {
        this.operations = List.copyOf(operations);
        for (Operation op : this.operations) {
            put(op.name(), op);
            for (String alias : op.aliases()) {
                put(alias, op);
            }
        }
    }

    /** The VersionStore operations of API.md: read, write, append, read_metadata, ... and get_info. */
    public static OperationRegistry standard() {
        return STANDARD;
    }

    private void put(String name, Operation op) {
        Operation previous = byName.putIfAbsent(name, op);
        if (previous != null) {
            throw new IllegalArgumentException("operation name '" + name + "' is used by both " + previous.name()
                    + " and " + op.name());
        }
    }

    /**
     * The operation called {@code name} (Python or Java spelling).
     *
     * @throws IllegalArgumentException if no operation has that name
     */
    public Operation lookup(String name) {
        Objects.requireNonNull(name, "operation name must not be null");
        Operation op = byName.get(name);
        if (op == null) {
            throw new IllegalArgumentException("Unknown operation '" + name + "'; known operations: "
                    + operations.stream().map(Operation::name).toList());
        }
        return op;
    }

    public Optional<Operation> find(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name));
    }

    /** The registered operations, in registration order. */
    public List<Operation> operations() {
        return operations;
    }
}
