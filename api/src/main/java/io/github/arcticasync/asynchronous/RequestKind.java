package io.github.arcticasync.asynchronous;

/** Whether a request changes its symbol: a modifier runs alone on its symbol, accessors may run together. */
public enum RequestKind {
    /** Changes the symbol (write, append, delete, ...): runs alone on its (library, symbol). */
    MODIFIER,
    /** Only reads: may run together with other accessors of the same symbol. */
    ACCESSOR;

    /** The stricter of this kind and {@code other}: {@link #MODIFIER} if either is one. */
    public RequestKind strictest(RequestKind other) {
        return this == MODIFIER || other == MODIFIER ? MODIFIER : ACCESSOR;
    }
}
