package io.github.arcticasync.asynchronous;

import io.github.arcticasync.internal.transport.RequestHandle;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A handle on one submitted operation, as Arctic's {@code AsyncRequest}: what it is (id, library, symbol, operation,
 * kind), where it is ({@link #state()}), its timings, and its completion. Wait for its result with
 * {@link AsyncArctic#waitRequest}. Handles are cheap views; two handles with one id are equal.
 */
public final class AsyncRequest {
    private final RequestHandle handle;

    AsyncRequest(RequestHandle handle) {
        this.handle = Objects.requireNonNull(handle, "handle");
    }

    RequestHandle handle() {
        return handle;
    }

    /** The request's id; {@code AsyncArctic.request(id)} finds it again. */
    public String id() {
        return handle.id();
    }

    /** The canonical name of the library it works on. */
    public String library() {
        return handle.library();
    }

    /** Its symbol (positional or keyword argument), or null for operations without one. */
    public String symbol() {
        return handle.symbol();
    }

    /** The operation's Python name, e.g. {@code read_metadata}. */
    public String operation() {
        return handle.operation();
    }

    public RequestKind kind() {
        return handle.kind();
    }

    public RequestState state() {
        return handle.state();
    }

    /** True once it finished, with a result or an error. */
    public boolean isCompleted() {
        return handle.state().isFinal();
    }

    public boolean isRunning() {
        return handle.state() == RequestState.RUNNING;
    }

    /** What the operation threw, or null (also while unfinished). */
    public Throwable exception() {
        return handle.exception();
    }

    /** When it was submitted. */
    public Instant createTime() {
        return handle.createTime();
    }

    /** When its operation started, or null. */
    public Instant startTime() {
        return handle.startTime();
    }

    /** When its operation ended, or null. */
    public Instant endTime() {
        return handle.endTime();
    }

    /**
     * How long the operation ran.
     *
     * @throws RequestDurationException while it has not ended
     */
    public Duration executionDuration() {
        return between(startTime(), endTime(), "execution duration", "started and ended");
    }

    /**
     * How long it waited between submit and start.
     *
     * @throws RequestDurationException while it has not started
     */
    public Duration scheduleDelay() {
        return between(createTime(), startTime(), "schedule delay", "started");
    }

    /**
     * Submit to end.
     *
     * @throws RequestDurationException while it has not ended
     */
    public Duration totalTime() {
        return between(createTime(), endTime(), "total time", "ended");
    }

    private Duration between(Instant from, Instant to, String what, String needs) {
        if (from == null || to == null) {
            throw new RequestDurationException("The " + what + " of request " + id() + " is not known: it has not "
                    + needs + " yet");
        }
        return Duration.between(from, to);
    }

    /**
     * A future completed with the result, or exceptionally with the operation's own exception. Completing it does not
     * affect the request.
     */
    public CompletableFuture<Object> toCompletableFuture() {
        return handle.completion().copy();
    }

    /**
     * Runs {@code callback} when the request completes (Arctic's {@code async_callback}); if it already has, runs it
     * now, before this method returns. A callback that throws is logged and contained.
     *
     * @return this request
     */
    public AsyncRequest onComplete(Consumer<AsyncRequest> callback) {
        Objects.requireNonNull(callback, "callback must not be null");
        handle.onComplete(h -> callback.accept(this));
        return this;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AsyncRequest r && id().equals(r.id());
    }

    @Override
    public int hashCode() {
        return id().hashCode();
    }

    @Override
    public String toString() {
        return "AsyncRequest[" + id() + " " + operation() + " " + library() + "/" + symbol() + " " + kind() + " "
                + state() + "]";
    }
}
