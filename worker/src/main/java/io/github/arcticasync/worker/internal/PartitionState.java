package io.github.arcticasync.worker.internal;


/** One partition the worker owns, and whether it still fetches from it (what it holds is the worker's taken set). */
public final class PartitionState {
    private final int partition;
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

}
