package io.github.arcticasync.internal.transport;

import io.github.arcticasync.internal.execution.OperationCall;
import io.github.arcticasync.store.VersionStore;

import java.time.Duration;
import java.util.Optional;

/**
 * Where submitted requests go and how the pool is controlled: the seam between {@code AsyncArctic} and an execution
 * backend (the in-JVM {@link LocalTransport}; a Redis Streams transport to remote workers later). Implementations
 * keep Arctic's clash rule per (library, symbol) and are thread-safe.
 */
public interface Transport extends AutoCloseable {
    /**
     * Queues {@code call}.
     *
     * @param store the library's store when the caller holds one; null to resolve {@code call.library()} by name
     * @throws io.github.arcticasync.asynchronous.AsyncArcticException if the transport has been shut down or cannot
     *                                                                  reach the library
     */
    RequestHandle submit(OperationCall call, VersionStore store);

    /** The request with this id, while it is pending or its result has not expired. */
    Optional<RequestHandle> find(String id);

    /** Stops accepting requests; pending ones (running and queued) still run. Idempotent. */
    void shutdown();

    boolean isShutdown();

    /**
     * Waits until no request is pending.
     *
     * @param timeout the longest wait, null = no limit
     * @throws io.github.arcticasync.asynchronous.RequestDurationException if requests are still pending at the end
     */
    void awaitTermination(Duration timeout);

    /**
     * Sets the pool size (how many requests may run at once) without dropping queued requests, and re-opens a pool
     * that was shut down. Waits until at most {@code poolSize} requests run.
     *
     * @param timeout the longest wait for running requests beyond the new size to end, null = no limit
     * @throws io.github.arcticasync.asynchronous.RequestDurationException if more still run at the end
     */
    void resize(int poolSize, Duration timeout);

    int poolSize();

    /** Requests submitted since this transport started. */
    long totalRequests();

    /** Requests submitted and not yet completed. */
    long pendingRequests();

    /** Shuts down and waits for pending requests. */
    @Override
    void close();
}
