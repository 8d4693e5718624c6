package io.github.arcticasync.internal.transport;

import io.github.arcticasync.asynchronous.RequestKind;
import io.github.arcticasync.asynchronous.RequestState;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** A transport's view of one submitted request: what it is, where it is, and its completion. */
public interface RequestHandle {
    String id();

    /** The canonical library name. */
    String library();

    /** The symbol, or null for operations without one. */
    String symbol();

    /** The operation's Python name. */
    String operation();

    RequestKind kind();

    RequestState state();

    /** What the operation threw, or null. */
    Throwable exception();

    Instant createTime();

    /** When the operation started, or null. */
    Instant startTime();

    /** When it finished, or null. */
    Instant endTime();

    /**
     * Completes with the operation's result, or exceptionally with the operation's own exception. Callers must not
     * complete it.
     */
    CompletableFuture<Object> completion();

    /**
     * Runs {@code callback} once the request is complete: at once, in the calling thread, if it already is. A callback
     * that throws is logged and does not affect the request or other callbacks.
     */
    void onComplete(Consumer<? super RequestHandle> callback);
}
