package io.github.arcticasync.worker.internal;

import io.github.arcticasync.internal.cluster.Keys;
import io.github.arcticasync.internal.cluster.StatCounter;
import io.github.arcticasync.internal.transport.RetryLog;
import io.github.arcticasync.internal.transport.redis.DataPlaneKeys;
import io.github.arcticasync.internal.transport.redis.RedisConnections;
import io.github.arcticasync.internal.transport.redis.RedisStreamsTransport;
import io.github.arcticasync.internal.transport.redis.StreamScripts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Writes results, acks and notifies, batched: one thread drains what the executors finished and runs one
 * {@link StreamScripts#COMPLETE} call for all of it (per request: result SET NX, XACK, notice to the submitter and any
 * foreign watchers, fenced by ownership) — one round trip and one script call per batch. Result, ack and notice in
 * one atomic step: a crash before it leaves the entry pending for the next owner; after it, nothing is redone.
 *
 * <p>{@link #postHere} posts on the calling (executor) thread when nothing is being posted, instead of handing over to
 * the poster thread: on a worker with threads to spare that saves a thread wake-up on every request's path, which on a
 * busy two-core machine costs about as much as the Redis round trip. A caller whose thread is needed for queued work
 * uses {@link #post}, which never waits. While a post is on the wire, results queue for the poster
 * thread, which sends them as one batch afterwards; it also retries a batch that failed, so no caller ever waits for a
 * Redis that is away.
 */
public final class ResultPoster implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ResultPoster.class);
    private static final int MAX_BATCH = 256;
    /**
     * A batch stops taking results once it holds this many bytes: a pipeline of hundreds of 256 KiB results makes
     * Redis take them all into fresh memory at once (the client fetches large results in chunks for the same reason).
     */
    static final int MAX_BATCH_BYTES = 2 << 20;
    /** Reply streams keep about this many notices; a client reads them within milliseconds. */
    private static final byte[] REPLY_MAXLEN = DataPlaneKeys.bytes("100000");
    private static final byte[] INLINE = DataPlaneKeys.bytes("1");
    private static final byte[] STAGED = DataPlaneKeys.bytes("S");
    private static final byte[] NOTHING = new byte[0];

    /** A finished request waiting to be posted. */
    public record Posting(Task task, byte[] result, StatCounter counter) {
    }

    private final RedisConnections connections;
    private final Keys keys;
    private final String workerId;
    private final Duration resultTtl;
    private final Consumer<Posting> onPosted;
    private final WorkerMetrics metrics;
    private final BlockingQueue<Posting> queue = new LinkedBlockingQueue<>();
    /** Held by whichever thread has a batch on the wire: one post at a time keeps batches whole. */
    private final AtomicBoolean posting = new AtomicBoolean();
    private final Thread thread;
    private final RetryLog retries;
    private volatile boolean closing;

    public ResultPoster(RedisConnections connections, Keys keys, String workerId, Duration resultTtl,
                        WorkerMetrics metrics, Consumer<Posting> onPosted) {
        this.connections = connections;
        this.keys = keys;
        this.workerId = workerId;
        this.resultTtl = resultTtl;
        this.metrics = metrics;
        this.onPosted = onPosted;
        this.retries = new RetryLog(log, workerId + " - posting results", false);
        this.thread = new Thread(this::run, "arctic-async-poster-" + workerId);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Hands {@code done} to the poster thread; returns at once. */
    public void post(Posting done) {
        queue.add(done);
    }

    /** Posts {@code done} now on this thread if no post is on the wire, else as {@link #post}. */
    public void postHere(Posting done) {
        if (closing || !posting.compareAndSet(false, true)) {
            queue.add(done);
            return;
        }
        List<Posting> batch = new ArrayList<>();
        batch.add(done);
        try {
            postOnWire(batch);
        } catch (RuntimeException e) {
            // The poster thread retries with backoff; this caller goes back to running requests.
            queue.addAll(batch);
        }
    }

    /**
     * Posts {@code batch} and what queued beside it, then reports each as posted; the caller holds {@link #posting},
     * which this releases (waking the poster thread, which may hold a batch and wait for the wire).
     */
    private void postOnWire(List<Posting> batch) {
        try {
            fill(batch);
            postBatch(batch);
        } finally {
            posting.set(false);
            LockSupport.unpark(thread);
        }
        for (Posting p : batch) {
            onPosted.accept(p);
        }
    }

    /** Adds queued results to {@code batch} up to {@link #MAX_BATCH} of them or {@link #MAX_BATCH_BYTES}. */
    private void fill(List<Posting> batch) {
        long bytes = 0;
        for (Posting p : batch) {
            bytes += p.result().length;
        }
        Posting next;
        while (batch.size() < MAX_BATCH && bytes < MAX_BATCH_BYTES && (next = queue.poll()) != null) {
            batch.add(next);
            bytes += next.result().length;
        }
    }

    private void run() {
        List<Posting> batch = new ArrayList<>();
        long pause = 50;
        while (!(closing && queue.isEmpty())) {
            try {
                if (batch.isEmpty()) {
                    Posting first = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    batch.add(first);
                }
                while (!posting.compareAndSet(false, true)) {
                    LockSupport.parkNanos(this, 1_000_000); // unparked when the caller's post is done
                }
                postOnWire(batch);
                batch.clear();
                retries.succeeded();
                pause = 50;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // Keep the batch: results are never dropped while the worker lives; the scripts are idempotent.
                retries.failed(e, "retrying the batch of " + batch.size() + " in " + pause + " ms");
                sleep(pause);
                pause = Math.min(pause * 2, 1000);
            }
        }
    }

    private void postBatch(List<Posting> batch) {
        Map<byte[], byte[]> staged = new LinkedHashMap<>();
        List<byte[]> keyArgs = new ArrayList<>(batch.size() * StreamScripts.COMPLETE_KEYS);
        List<byte[]> args = new ArrayList<>(StreamScripts.COMPLETE_SHARED_ARGS
                + batch.size() * StreamScripts.COMPLETE_ARGS);
        args.add(DataPlaneKeys.bytes(workerId));
        args.add(DataPlaneKeys.bytes(Long.toString(resultTtl.toMillis())));
        args.add(DataPlaneKeys.bytes(Keys.CONSUMER_GROUP));
        args.add(REPLY_MAXLEN);
        for (Posting p : batch) {
            Task t = p.task();
            int part = t.partition();
            keyArgs.add(DataPlaneKeys.bytes(keys.owner(part)));
            keyArgs.add(DataPlaneKeys.bytes(keys.result(part, t.requestId())));
            keyArgs.add(DataPlaneKeys.bytes(keys.requestStream(part)));
            keyArgs.add(DataPlaneKeys.bytes(keys.stats(part)));
            keyArgs.add(DataPlaneKeys.bytes(DataPlaneKeys.submitMarker(keys, part, t.requestId())));
            keyArgs.add(DataPlaneKeys.bytes(DataPlaneKeys.watchers(keys, part, t.requestId())));
            byte[] stage = DataPlaneKeys.bytes(DataPlaneKeys.stagedResult(keys, part, t.requestId(), workerId));
            keyArgs.add(stage);
            keyArgs.add(DataPlaneKeys.bytes(DataPlaneKeys.stagedEnvelope(keys, part, t.requestId())));
            boolean small = p.result().length <= RedisStreamsTransport.LUA_VALUE_LIMIT;
            if (!small) {
                staged.put(stage, p.result());
            }
            args.add(DataPlaneKeys.bytes(t.requestId()));
            args.add(DataPlaneKeys.bytes(t.entryId()));
            args.add(small ? p.result() : NOTHING);
            args.add(DataPlaneKeys.bytes(p.counter().field()));
            args.add(small ? INLINE : STAGED);
            args.add(t.replyStream() == null ? NOTHING : DataPlaneKeys.bytes(t.replyStream()));
        }
        // Large results are staged with plain SETs in the same round trip: they never pass through Lua.
        List<?> statuses = connections.with(jedis -> (List<?>) StreamScripts.COMPLETE.runAfterSets(jedis, staged,
                resultTtl.toMillis(), keyArgs, args));
        for (int i = 0; i < batch.size(); i++) {
            Posting p = batch.get(i);
            long status = (Long) statuses.get(i);
            if (status == StreamScripts.COMPLETE_NOT_OWNER) {
                metrics.fenced();
                log.info("{} - request {} not posted: partition {} is no longer ours (the new owner reruns it)",
                        workerId, p.task().requestId(), p.task().partition());
            } else if (status == StreamScripts.COMPLETE_WRITTEN) {
                metrics.completed(p.counter() == StatCounter.COMPLETED);
            }
        }
    }

    @Override
    public void close() {
        closing = true;
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
