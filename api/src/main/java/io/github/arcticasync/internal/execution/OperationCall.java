package io.github.arcticasync.internal.execution;

import io.github.arcticasync.asynchronous.RequestKind;

import java.util.Objects;

/**
 * One validated call, ready to run anywhere: the operation with its bound arguments, the library it targets, its
 * effective kind and whether transient MongoDB errors are retried.
 *
 * @param library   the canonical library name
 * @param arguments the bound arguments (they name the operation)
 * @param kind      the operation's kind, made stricter by the caller's {@code isModifier}
 * @param retry     retry transient MongoDB errors ({@code mongo_retry})
 */
public record OperationCall(String library, BoundArguments arguments, RequestKind kind, boolean retry) {
    public OperationCall {
        Objects.requireNonNull(library, "library");
        Objects.requireNonNull(arguments, "arguments");
        Objects.requireNonNull(kind, "kind");
        if (arguments.operation().kind() == RequestKind.MODIFIER && kind != RequestKind.MODIFIER) {
            throw new IllegalArgumentException(arguments.operation().name() + " is a modifier; it cannot run as "
                    + kind);
        }
    }

    /** The call of {@code arguments.operation()}, its kind made stricter when {@code isModifier}. */
    public static OperationCall of(String library, BoundArguments arguments, boolean isModifier, boolean retry) {
        RequestKind kind = arguments.operation().kind().strictest(isModifier ? RequestKind.MODIFIER
                : RequestKind.ACCESSOR);
        return new OperationCall(library, arguments, kind, retry);
    }

    public Operation operation() {
        return arguments.operation();
    }

    /** The symbol, or null. */
    public String symbol() {
        return arguments.symbol();
    }

    /** The clash-rule key of this call. */
    public SymbolKey key() {
        return new SymbolKey(library, symbol());
    }
}
