package io.github.arcticasync.internal.transport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The completion callbacks of one {@link RequestHandle}: each runs exactly once, when the request completes, or at
 * once in the registering thread if it already has. A callback that throws is logged and affects neither the request
 * nor the other callbacks. Thread-safe.
 */
public final class CompletionCallbacks {
    private static final Logger log = LoggerFactory.getLogger(CompletionCallbacks.class);

    private final RequestHandle request;
    /** Guarded by {@code this}; null once {@link #runAll} has taken them. */
    private List<Consumer<? super RequestHandle>> pending = new ArrayList<>(0);

    public CompletionCallbacks(RequestHandle request) {
        this.request = Objects.requireNonNull(request, "request");
    }

    /** Registers {@code callback}; runs it now, in this thread, if the request has already completed. */
    public void add(Consumer<? super RequestHandle> callback) {
        Objects.requireNonNull(callback, "callback must not be null");
        synchronized (this) {
            if (pending != null) {
                pending.add(callback);
                return;
            }
        }
        run(callback);
    }

    /** Runs, in this thread, every callback registered so far; later ones run as they are added. Idempotent. */
    public void runAll() {
        List<Consumer<? super RequestHandle>> toRun;
        synchronized (this) {
            toRun = pending;
            pending = null;
        }
        if (toRun != null) {
            toRun.forEach(this::run);
        }
    }

    private void run(Consumer<? super RequestHandle> callback) {
        try {
            callback.accept(request);
        } catch (RuntimeException | Error e) {
            // Contained: a callback's failure must not hide the request's result or stop other callbacks.
            log.warn("request {} - completion callback threw", request.id(), e);
        }
    }
}
