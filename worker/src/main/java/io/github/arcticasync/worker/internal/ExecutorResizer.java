package io.github.arcticasync.worker.internal;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker's execution threads, resized to the allotment the leader gives: at most {@code limit} requests run at
 * once. Lowering the limit lets running requests finish; surplus threads end as they become idle, so the running count
 * converges to the new limit without interrupting anything.
 */
public final class ExecutorResizer {
    private final ThreadPoolExecutor pool;
    private final AtomicInteger running = new AtomicInteger();
    private volatile int limit;

    public ExecutorResizer(String threadPrefix) {
        AtomicInteger n = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(1, 1, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, threadPrefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.pool.allowCoreThreadTimeOut(true);
    }

    /** Sets the most requests that may run at once; 0 keeps one idle thread and is enforced by the fetcher. */
    public synchronized void setLimit(int newLimit) {
        if (newLimit < 0) {
            throw new IllegalArgumentException("limit must not be negative, was " + newLimit);
        }
        int size = Math.max(1, newLimit);
        if (size > pool.getMaximumPoolSize()) {
            pool.setMaximumPoolSize(size);
            pool.setCorePoolSize(size);
        } else {
            pool.setCorePoolSize(size);
            pool.setMaximumPoolSize(size);
        }
        limit = newLimit;
    }

    public int limit() {
        return limit;
    }

    /** Whether requests wait for a thread. */
    public boolean hasQueued() {
        return !pool.getQueue().isEmpty();
    }

    /** Requests executing now. */
    public int running() {
        return running.get();
    }

    /** Queues {@code task}; it runs when a thread within the limit is free. */
    public void execute(Runnable task) {
        pool.execute(() -> {
            running.incrementAndGet();
            try {
                task.run();
            } finally {
                running.decrementAndGet();
            }
        });
    }

    public void shutdown(long timeoutMillis) {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
