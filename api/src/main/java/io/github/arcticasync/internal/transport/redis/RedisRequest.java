package io.github.arcticasync.internal.transport.redis;

import io.github.arcticasync.asynchronous.RequestKind;
import io.github.arcticasync.asynchronous.RequestState;
import io.github.arcticasync.internal.protocol.ResultEnvelope;
import io.github.arcticasync.internal.transport.CompletionCallbacks;
import io.github.arcticasync.internal.transport.RequestHandle;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A request of the Redis transport as one client sees it: submitted here, or found by id ({@code foreign}, then its
 * operation details are unknown until the result arrives). Completed once, from the result envelope a worker wrote;
 * it stays {@link RequestState#QUEUED} until then, because a client does not learn when a remote worker starts.
 */
final class RedisRequest implements RequestHandle {
    private final String id;
    private final int partition;
    private final String library;
    private final String symbol;
    private final String operation;
    private final RequestKind kind;
    private final Instant createTime;
    private final boolean foreign;
    private final CompletableFuture<Object> completion = new CompletableFuture<>();

    private volatile RequestState state = RequestState.QUEUED;
    private volatile Instant startTime;
    private volatile Instant endTime;
    private volatile Throwable exception;
    private final CompletionCallbacks callbacks = new CompletionCallbacks(this);

    RedisRequest(String id, int partition, String library, String symbol, String operation, RequestKind kind,
                 Instant createTime, boolean foreign) {
        this.id = id;
        this.partition = partition;
        this.library = library;
        this.symbol = symbol;
        this.operation = operation;
        this.kind = kind;
        this.createTime = createTime;
        this.foreign = foreign;
    }

    int partition() {
        return partition;
    }

    boolean foreign() {
        return foreign;
    }

    /**
     * Completes from {@code result}: the value, or the rebuilt remote exception. Returns false (and does nothing) if
     * it was already complete.
     */
    boolean complete(ResultEnvelope result) {
        synchronized (this) {
            if (state.isFinal()) {
                return false;
            }
            startTime = result.startTime();
            endTime = result.endTime();
            if (result.isSuccess()) {
                state = RequestState.SUCCEEDED;
            } else {
                exception = result.error().toException();
                state = RequestState.FAILED;
            }
        }
        if (exception == null) {
            completion.complete(result.value());
        } else {
            completion.completeExceptionally(exception);
        }
        callbacks.runAll();
        return true;
    }

    /** Fails the request locally (its result cannot be decoded): the waiters get {@code error}. */
    boolean fail(Throwable error, Instant now) {
        synchronized (this) {
            if (state.isFinal()) {
                return false;
            }
            endTime = now;
            exception = error;
            state = RequestState.FAILED;
        }
        completion.completeExceptionally(error);
        callbacks.runAll();
        return true;
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
        return library;
    }

    @Override
    public String symbol() {
        return symbol;
    }

    @Override
    public String operation() {
        return operation;
    }

    @Override
    public RequestKind kind() {
        return kind;
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
        return "RedisRequest[" + id + " " + operation + " " + library + "/" + symbol + " " + state + "]";
    }
}
