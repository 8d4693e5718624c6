package io.github.arcticasync.internal.execution;

import io.github.arcticasync.store.LibraryNotFoundException;
import io.github.arcticasync.store.VersionStore;

/**
 * What an operation's body sees while it runs: its bound arguments, its library (resolved on first use) and which
 * attempt this is (1 = first; retries of transient errors count up).
 */
public final class OperationContext {
    private final String library;
    private final BoundArguments arguments;
    private final StoreResolver resolver;
    private final int attempt;
    private VersionStore store;

    OperationContext(String library, BoundArguments arguments, StoreResolver resolver, int attempt) {
        this.library = library;
        this.arguments = arguments;
        this.resolver = resolver;
        this.attempt = attempt;
    }

    public String library() {
        return library;
    }

    public BoundArguments args() {
        return arguments;
    }

    public int attempt() {
        return attempt;
    }

    /**
     * The library's store.
     *
     * @throws LibraryNotFoundException if the resolver knows no such library
     */
    public VersionStore store() {
        if (store == null) {
            VersionStore s = resolver.resolve(library);
            if (s == null) {
                throw new LibraryNotFoundException("Library " + library + " was not found");
            }
            store = s;
        }
        return store;
    }
}
