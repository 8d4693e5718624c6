package io.github.arcticasync.worker.internal;

import java.util.concurrent.atomic.AtomicInteger;

/** What the worker knows of one partition it owns: whether it still fetches from it and what it took and holds. */
public final class PartitionState {
    private final int partition;
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean fetching;

    public PartitionState(int partition) {
        this.partition = partition;
    }

    public int partition() {
        return partition;
    }

    public boolean fetching() {
        return fetching;
    }

    public void fetching(boolean fetching) {
        this.fetching = fetching;
    }

    /** Entries taken from the stream whose result is not yet written and acked. */
    public int inFlight() {
        return inFlight.get();
    }

    public void took() {
        inFlight.incrementAndGet();
    }

    public void done() {
        inFlight.decrementAndGet();
    }
}
