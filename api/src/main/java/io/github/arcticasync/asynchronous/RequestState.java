package io.github.arcticasync.asynchronous;

/** Where a request is in its life: queued, running, or finished with a result or an error. */
public enum RequestState {
    /** Submitted, waiting for its turn on its symbol or for a free thread. */
    QUEUED,
    /** Its operation is executing. */
    RUNNING,
    /** Finished with a result. */
    SUCCEEDED,
    /** Finished with an error, available from {@link AsyncRequest#exception()}. */
    FAILED;

    /** True for {@link #SUCCEEDED} and {@link #FAILED}. */
    public boolean isFinal() {
        return this == SUCCEEDED || this == FAILED;
    }
}
