package io.github.arcticasync.internal.transport;

import io.github.arcticasync.asynchronous.RequestKind;
import io.github.arcticasync.asynchronous.RequestState;
import io.github.arcticasync.internal.execution.OperationCall;
import io.github.arcticasync.internal.execution.Outcome;
import io.github.arcticasync.store.VersionStore;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** A request of the {@link LocalTransport}: the call, its state and timings, its future and callbacks. */
final class LocalRequest implements RequestHandle {
    private final String id;
    private final OperationCall call;
    private final VersionStore store;
    private final Instant createTime;
    private final CompletableFuture<Object> completion = new CompletableFuture<>();

    private volatile RequestState state = RequestState.QUEUED;
    private volatile Instant startTime;
    private volatile Instant endTime;
    private volatile Throwable exception;
    private Object value;
    private final CompletionCallbacks callbacks = new CompletionCallbacks(this);

    LocalRequest(String id, OperationCall call, VersionStore store, Instant createTime) {
        this.id = id;
        this.call = call;
        this.store = store;
        this.createTime = createTime;
    }

    OperationCall call() {
        return call;
    }

    /** The store the submitter gave, or null to resolve the library by name. */
    VersionStore store() {
        return store;
    }

    void markRunning(Instant now) {
        startTime = now;
        state = RequestState.RUNNING;
    }

    boolean hasStarted() {
        return startTime != null;
    }

    /** Records the outcome and end time; waiters are told by {@link #publish()}. */
    void recordEnd(Outcome outcome, Instant now) {
        value = outcome.value();
        exception = outcome.error();
        endTime = now;
        state = outcome.succeeded() ? RequestState.SUCCEEDED : RequestState.FAILED;
    }

    /** Completes the future and runs the callbacks, in this thread. */
    void publish() {
        if (exception == null) {
            completion.complete(value);
        } else {
            completion.completeExceptionally(exception);
        }
        callbacks.runAll();
    }

    @Override
    public void onComplete(Consumer<? super RequestHandle> callback) {
        callbacks.add(callback);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String library() {
        return call.library();
    }

    @Override
    public String symbol() {
        return call.symbol();
    }

    @Override
    public String operation() {
        return call.operation().name();
    }

    @Override
    public RequestKind kind() {
        return call.kind();
    }

    @Override
    public RequestState state() {
        return state;
    }

    @Override
    public Throwable exception() {
        return exception;
    }

    @Override
    public Instant createTime() {
        return createTime;
    }

    @Override
    public Instant startTime() {
        return startTime;
    }

    @Override
    public Instant endTime() {
        return endTime;
    }

    @Override
    public CompletableFuture<Object> completion() {
        return completion;
    }

    @Override
    public String toString() {
        return "LocalRequest[" + id + " " + call.operation().name() + " " + call.key() + " " + call.kind() + " "
                + state + "]";
    }
}
