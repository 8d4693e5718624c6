package io.github.arcticasync.internal.transport.redis;

import io.github.arcticasync.asynchronous.AsyncArcticException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Enqueues the submits of concurrent callers together (group commit): each caller queues its submit and takes the
 * lock; whoever holds it sends everything queued so far — its own submit and those of the threads that queued while
 * the previous batch was on the wire — as one {@link StreamScripts#SUBMIT} call, and hands each caller its status. A
 * lone submitter pays one round trip and one script call; N threads submitting at once pay one of each per batch,
 * which is what lets Redis keep up (a script call costs Redis far more than the few commands inside it).
 *
 * <p>Behaviour per submit is that of a batch of one: the same status, the same Redis error, and the same retry
 * through lost connections until the submit's own retry budget is spent (the script's dedupe makes a resent batch
 * safe: an id already enqueued is not enqueued again).
 *
 * <p>{@link #submitPipelined} does not wait: the submit is queued and a sender thread of this batcher sends it with
 * whatever else is queued, then reports its status (or the error that ended it) to the caller's {@link Outcome}. At
 * most {@link #MAX_UNSENT} pipelined submits wait to be sent; a caller beyond that waits for room (backpressure
 * while Redis is slow or away, instead of an unbounded buffer).
 */
final class SubmitBatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SubmitBatcher.class);
    /** Most submits sent in one script call; bounds the wait of the thread that sends it. */
    static final int MAX_BATCH = 256;
    /** Longest park of a waiting submitter between checks; it is normally unparked long before. */
    private static final long PARK_NANOS = 1_000_000;
    /** The envelope argument of a submit whose envelope was staged. */
    private static final byte[] STAGED = new byte[0];
    /** Most pipelined submits queued and not yet answered by Redis. */
    static final int MAX_UNSENT = 8192;

    private final RedisConnections connections;
    private final Duration retryBudget;
    private final byte[] replyStream;
    private final long ttlMillis;
    private final byte[] markerTtlMillis;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Semaphore unsent = new Semaphore(MAX_UNSENT);
    private final Thread sender;
    private volatile boolean senderStarted;
    private volatile boolean senderIdle;
    private volatile boolean closed;

    /** Where a pipelined submit's status goes: called once, on the sender thread, never under the batcher's lock. */
    interface Outcome {
        /** Redis answered with this {@link StreamScripts#SUBMIT} status. */
        void status(long status);

        /**
         * The submit could not be sent (Redis unreachable for the whole retry budget, or an error reply); the error is
         * an {@link AsyncArcticException} naming the request.
         */
        void failed(AsyncArcticException error);
    }

    /** One queued submit; its fields are written by the thread that sent it, under the lock, before done is set. */
    private static final class Pending {
        final String id;
        final List<byte[]> keys;
        final byte[] envelope;
        final long deadline;
        final Thread thread = Thread.currentThread();
        /** Null for an acknowledged submit, whose thread waits for {@link #done}. */
        final Outcome outcome;
        long result;
        AsyncArcticException error;
        volatile boolean done;

        Pending(String id, List<byte[]> keys, byte[] envelope, long deadline, Outcome outcome) {
            this.id = id;
            this.keys = keys;
            this.envelope = envelope;
            this.deadline = deadline;
            this.outcome = outcome;
        }

        void succeed(long value) {
            result = value;
            done = true;
        }

        void fail(AsyncArcticException e) {
            error = e;
            done = true;
        }
    }

    /**
     * @param replyStream     the reply stream of this client, named in every entry
     * @param markerTtlMillis how long submit markers live
     */
    SubmitBatcher(RedisConnections connections, Duration retryBudget, byte[] replyStream, long markerTtlMillis) {
        this.connections = connections;
        this.retryBudget = retryBudget;
        this.replyStream = replyStream;
        this.ttlMillis = markerTtlMillis;
        this.markerTtlMillis = DataPlaneKeys.bytes(Long.toString(markerTtlMillis));
        this.sender = new Thread(this::sendLoop, "arctic-async-submit");
        this.sender.setDaemon(true);
    }

    /**
     * Enqueues request {@code id} and returns its {@link StreamScripts#SUBMIT} status.
     *
     * @param keys the request's {@link StreamScripts#SUBMIT_KEYS} keys, in the script's order
     * @throws AsyncArcticException if Redis stayed unreachable for the whole retry budget
     */
    long submit(String id, List<byte[]> keys, byte[] envelope) {
        requireOpen();
        Pending me = new Pending(id, keys, envelope, System.nanoTime() + retryBudget.toNanos(), null);
        queue.add(me);
        while (!me.done) {
            if (lock.tryLock()) {
                List<Pending> sent = List.of();
                try {
                    // Whoever held the lock before us sent everything it drained before releasing it, so either our
                    // submit is done or it is still queued and we send it now, with whatever queued beside it.
                    if (!me.done) {
                        sent = sendQueued();
                    }
                } finally {
                    lock.unlock();
                }
                settle(sent);
                // The next queued submitter becomes the next sender at once instead of at its park timeout.
                Pending next = queue.peek();
                if (next != null) {
                    LockSupport.unpark(next.outcome == null ? next.thread : sender);
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

    /**
     * Queues a submit without waiting for Redis: the sender thread sends it and reports to {@code outcome}. Waits only
     * while {@link #MAX_UNSENT} submits are already unanswered.
     *
     * @throws AsyncArcticException if this batcher is closed, or the caller is interrupted while waiting for room
     */
    void submitPipelined(String id, List<byte[]> keys, byte[] envelope, Outcome outcome) {
        requireOpen();
        startSender();
        try {
            unsent.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AsyncArcticException("Interrupted while waiting to submit request " + id, e);
        }
        queue.add(new Pending(id, keys, envelope, System.nanoTime() + retryBudget.toNanos(), outcome));
        if (senderIdle) {
            LockSupport.unpark(sender);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new AsyncArcticException("This Redis client is closed and can no longer submit requests.");
        }
    }

    private void startSender() {
        if (!senderStarted) {
            synchronized (sender) {
                if (!senderStarted) {
                    sender.start();
                    senderStarted = true;
                }
            }
        }
    }

    /** The sender thread: sends what is queued until the batcher is closed and nothing is left. */
    private void sendLoop() {
        while (true) {
            if (queue.isEmpty()) {
                if (closed) {
                    return;
                }
                senderIdle = true;
                // Re-check after announcing idleness: a submit queued before it saw senderIdle is seen here.
                if (queue.isEmpty() && !closed) {
                    LockSupport.parkNanos(this, 100_000_000L);
                }
                senderIdle = false;
                continue;
            }
            List<Pending> sent;
            lock.lock();
            try {
                sent = sendQueued();
            } finally {
                lock.unlock();
            }
            settle(sent);
        }
    }

    /** Sends one batch of what is queued; the caller holds the lock, and settles the batch after releasing it. */
    private List<Pending> sendQueued() {
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
                    p.fail(refusal(p.id, e));
                }
            }
        }
        return batch;
    }

    /**
     * What a submitter sees when Redis answered its submit with an error (nothing was enqueued: the script checks
     * before it writes, and a full Redis refuses the script's first write): typed, naming the request, the server
     * and what Redis said, with the remedy when Redis is full.
     */
    private AsyncArcticException refusal(String id, RuntimeException e) {
        if (e instanceof AsyncArcticException typed) {
            return String.valueOf(typed.getMessage()).contains(id) ? typed
                    : new AsyncArcticException("Could not submit request " + id + ": " + typed.getMessage(), typed);
        }
        String said = String.valueOf(e.getMessage());
        if (!(e instanceof JedisDataException)) {
            return new AsyncArcticException("Could not submit request " + id + " to Redis at " + connections.url()
                    + ": " + said, e);
        }
        String remedy = said.contains("OOM command not allowed") ? " (Redis is full under maxmemory-policy "
                + "noeviction: let results expire, lower the result TTL, or raise maxmemory)" : "";
        return new AsyncArcticException("Could not submit request " + id + ": Redis at " + connections.url()
                + " refused it: " + said + remedy, e);
    }

    /** Wakes the waiting submitters of {@code batch} and reports to the pipelined ones. */
    private void settle(List<Pending> batch) {
        for (Pending p : batch) {
            if (p.outcome == null) {
                LockSupport.unpark(p.thread);
                continue;
            }
            unsent.release();
            try {
                if (p.error != null) {
                    p.outcome.failed(p.error);
                } else {
                    p.outcome.status(p.result);
                }
            } catch (RuntimeException e) {
                log.warn("request {} - handling its submit outcome failed: {}", p.id, e.toString());
            }
        }
    }

    /**
     * Stops taking submits; the sender sends what is still queued (each submit within its retry budget) and ends.
     */
    @Override
    public void close() {
        closed = true;
        if (senderStarted) {
            LockSupport.unpark(sender);
            try {
                sender.join(retryBudget.toMillis() + 5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Sends {@code batch} until every submit in it has a status, an error, or has run out of retry budget. */
    private void send(List<Pending> batch) {
        List<Pending> todo = batch;
        long pause = 50;
        while (!todo.isEmpty()) {
            try {
                List<Pending> sent = todo;
                List<?> statuses = connections.with(jedis -> run(jedis, sent));
                for (int i = 0; i < sent.size(); i++) {
                    sent.get(i).succeed((Long) statuses.get(i));
                }
                return;
            } catch (JedisConnectionException e) {
                List<Pending> left = new ArrayList<>();
                long now = System.nanoTime();
                for (Pending p : todo) {
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

    private static List<byte[]> keysOf(List<Pending> batch) {
        List<byte[]> keys = new ArrayList<>(batch.size() * StreamScripts.SUBMIT_KEYS);
        for (Pending p : batch) {
            keys.addAll(p.keys);
        }
        return keys;
    }

    private List<byte[]> argsOf(List<Pending> batch) {
        List<byte[]> args = new ArrayList<>(2 + 2 * batch.size());
        args.add(replyStream);
        args.add(markerTtlMillis);
        for (Pending p : batch) {
            args.add(DataPlaneKeys.bytes(p.id));
            args.add(staged(p) ? STAGED : p.envelope);
        }
        return args;
    }

    /** Runs the submit script for {@code batch}; large envelopes are staged first, in the same round trip. */
    private List<?> run(Jedis jedis, List<Pending> batch) {
        Map<byte[], byte[]> staged = new LinkedHashMap<>();
        for (Pending p : batch) {
            if (staged(p)) {
                staged.put(p.keys.get(StreamScripts.SUBMIT_KEYS - 1), p.envelope);
            }
        }
        return (List<?>) StreamScripts.SUBMIT.runAfterSets(jedis, staged, ttlMillis, keysOf(batch), argsOf(batch));
    }

    private static boolean staged(Pending p) {
        return p.envelope.length > RedisStreamsTransport.LUA_VALUE_LIMIT;
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
