package io.github.arcticasync.internal.transport.redis;

import io.github.arcticasync.asynchronous.AsyncArcticException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisConnectionException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs the {@link StreamScripts#SUBMIT} script for concurrent submitters as one pipeline (group commit). Each caller
 * queues its submit and takes the lock; whoever holds it sends everything queued so far — its own submit and those
 * of the threads that queued while the previous pipeline was on the wire — as EVALSHAs in one round trip, and hands
 * each caller its reply. A lone submitter pays one round trip, as a plain EVALSHA would; N threads submitting at once
 * pay about one round trip per batch instead of one each, on one pooled connection.
 *
 * <p>Behaviour per submit is that of a single script call: the same reply, the same Redis error, and the same retry
 * through lost connections until the submit's own retry budget is spent (the script's dedupe makes a resent batch
 * safe: an id already enqueued is not enqueued again).
 */
final class SubmitBatcher {
    private static final Logger log = LoggerFactory.getLogger(SubmitBatcher.class);
    /** Most submits sent in one pipeline; bounds the wait of the thread that sends it. */
    static final int MAX_BATCH = 256;
    /** Longest park of a waiting submitter between checks; it is normally unparked long before. */
    private static final long PARK_NANOS = 1_000_000;

    private final RedisConnections connections;
    private final Duration retryBudget;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock lock = new ReentrantLock();

    /** One queued submit; its fields are written by the thread that sent it, under the lock, before done is set. */
    private static final class Pending {
        final String id;
        final List<byte[]> keys;
        final List<byte[]> args;
        final long deadline;
        final Thread thread = Thread.currentThread();
        long result;
        RuntimeException error;
        volatile boolean done;

        Pending(String id, List<byte[]> keys, List<byte[]> args, long deadline) {
            this.id = id;
            this.keys = keys;
            this.args = args;
            this.deadline = deadline;
        }

        void succeed(long value) {
            result = value;
            done = true;
        }

        void fail(RuntimeException e) {
            error = e;
            done = true;
        }
    }

    SubmitBatcher(RedisConnections connections, Duration retryBudget) {
        this.connections = connections;
        this.retryBudget = retryBudget;
    }

    /**
     * Runs the submit script for request {@code id} and returns its reply.
     *
     * @throws AsyncArcticException if Redis stayed unreachable for the whole retry budget
     */
    long submit(String id, List<byte[]> keys, List<byte[]> args) {
        Pending me = new Pending(id, keys, args, System.nanoTime() + retryBudget.toNanos());
        queue.add(me);
        while (!me.done) {
            if (lock.tryLock()) {
                try {
                    // Whoever held the lock before us sent everything it drained before releasing it, so either our
                    // submit is done or it is still queued and we send it now, with whatever queued beside it.
                    if (!me.done) {
                        sendQueued();
                    }
                } finally {
                    lock.unlock();
                }
                // The next queued submitter becomes the next sender at once instead of at its park timeout.
                Pending next = queue.peek();
                if (next != null) {
                    LockSupport.unpark(next.thread);
                }
            } else {
                // The sender unparks us when our reply is in (no lock hand-off chain through every waiter).
                LockSupport.parkNanos(this, PARK_NANOS);
            }
        }
        if (me.error != null) {
            throw me.error;
        }
        return me.result;
    }

    private void sendQueued() {
        List<Pending> batch = new ArrayList<>();
        for (Pending p = queue.poll(); p != null; p = batch.size() < MAX_BATCH ? queue.poll() : null) {
            batch.add(p);
        }
        try {
            send(batch);
        } catch (RuntimeException e) {
            // Interrupted, or an error no retry covers: every submit of the batch gets it, none is left waiting for
            // a reply nobody will send.
            for (Pending p : batch) {
                if (!p.done) {
                    p.fail(e);
                }
            }
        } finally {
            for (Pending p : batch) {
                if (p.done) {
                    LockSupport.unpark(p.thread);
                }
            }
        }
    }

    /** Sends {@code batch} until every submit in it has a reply, an error, or has run out of retry budget. */
    private void send(List<Pending> batch) {
        List<Pending> todo = batch;
        long pause = 50;
        boolean loaded = false;
        while (!todo.isEmpty()) {
            try {
                List<Pending> sent = todo;
                List<Pending> noScript = new ArrayList<>();
                connections.with(jedis -> {
                    pipeline(jedis, sent, noScript);
                    return null;
                });
                if (!noScript.isEmpty()) {
                    if (loaded) {
                        // The server forgot the script again at once: fall back to EVAL, one by one.
                        connections.with(jedis -> {
                            evalEach(jedis, noScript);
                            return null;
                        });
                        return;
                    }
                    connections.with(jedis -> {
                        StreamScripts.SUBMIT.load(jedis);
                        return null;
                    });
                    loaded = true;
                }
                todo = noScript;
            } catch (JedisConnectionException e) {
                List<Pending> left = new ArrayList<>();
                long now = System.nanoTime();
                for (Pending p : todo) {
                    if (p.done) {
                        continue;
                    }
                    if (now - p.deadline > 0) {
                        p.fail(new AsyncArcticException("Could not submit request " + p.id + ": Redis at "
                                + connections.url() + " is unreachable (" + e.getMessage() + ")", e));
                    } else {
                        left.add(p);
                    }
                }
                todo = left;
                if (!todo.isEmpty()) {
                    log.debug("{} submits failed, retrying in {} ms: {}", todo.size(), pause, e.toString());
                    sleep(pause);
                    pause = Math.min(pause * 2, 1000);
                }
            }
        }
    }

    private static void pipeline(Jedis jedis, List<Pending> batch, List<Pending> noScript) {
        Pipeline pipe = jedis.pipelined();
        List<Response<Object>> replies = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            replies.add(StreamScripts.SUBMIT.queue(pipe, p.keys, p.args));
        }
        pipe.sync();
        for (int i = 0; i < batch.size(); i++) {
            Pending p = batch.get(i);
            try {
                p.succeed((Long) replies.get(i).get());
            } catch (RuntimeException e) {
                if (LuaScript.isNoScript(e)) {
                    noScript.add(p);
                } else {
                    p.fail(e);
                }
            }
        }
    }

    private static void evalEach(Jedis jedis, List<Pending> batch) {
        for (Pending p : batch) {
            try {
                p.succeed((Long) StreamScripts.SUBMIT.run(jedis, p.keys, p.args));
            } catch (JedisConnectionException e) {
                throw e;
            } catch (RuntimeException e) {
                p.fail(e);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AsyncArcticException("Interrupted", e);
        }
    }
}
