package io.github.arcticasync.internal.transport.redis;

import io.github.arcticasync.asynchronous.AsyncArcticException;
import io.github.arcticasync.internal.cluster.Keys;
import io.github.arcticasync.internal.protocol.EnvelopeCodec;
import io.github.arcticasync.internal.protocol.ResultEnvelope;
import io.github.arcticasync.internal.transport.RetryLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Response;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Delivers results to the waiting requests of one client with one thread and one blocking connection, however many
 * requests wait. Workers append a notice (the request id, and the result itself when small) to this client's reply
 * stream; the dispatcher reads it with {@code XREAD BLOCK} and completes the requests — no polling. Requests of other
 * clients ({@code aa.request(id)}) are watched by adding this client's reply stream to the request's watcher set,
 * then reading the result key once (the worker's complete script reads the set atomically with writing the result, so
 * either the worker sees the watcher or this client sees the result).
 *
 * <p>A safety net covers notices lost with a Redis that restarted without its data: every {@link #SWEEP_INTERVAL}, the
 * result keys of requests waiting longer than that are read in one pipeline.
 */
final class ResultWaiter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ResultWaiter.class);
    /** How long one XREAD blocks; bounds how late close() is noticed. */
    static final Duration BLOCK = Duration.ofMillis(500);
    /** How often requests that wait long have their result keys read directly, and the reply stream's TTL renewed. */
    static final Duration SWEEP_INTERVAL = Duration.ofSeconds(3);
    /** Most notices read per XREAD. */
    private static final int READ_COUNT = 1000;
    /**
     * Result keys read per round trip. Large results are read a few at a time: a pipeline of hundreds of 256 KiB GETs
     * makes Redis build all those replies in fresh memory before the first byte is read, and page faults on fresh
     * memory cost Redis more than the copies themselves (benchmarks.md §5).
     */
    static final int FETCH_CHUNK = 8;
    /** Result keys read per round trip by the sweep: mostly absent (the request still runs), so they cost little. */
    private static final int SWEEP_CHUNK = 256;
    /**
     * Notices read before the stream is trimmed with the next fetch, so that a batch of inline results costs no round
     * trip besides its read (the sweep trims too, at least every {@link #SWEEP_INTERVAL}).
     */
    static final int TRIM_EVERY = 1000;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(1);

    private final RedisConnections connections;
    private final Keys keys;
    private final String replyStream;
    private final byte[] replyStreamKey;
    private final EnvelopeCodec codec;
    private final Duration replyStreamTtl;
    private final Clock clock;
    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();
    private final Thread thread;
    private final RetryLog retries;
    private volatile boolean closed;
    private String lastId = "0-0";
    /** Notices read since the reply stream was last trimmed. */
    private int untrimmed;

    private record Waiting(RedisRequest request, long since) {
    }

    ResultWaiter(RedisConnections connections, Keys keys, String replyStream, EnvelopeCodec codec,
                 Duration replyStreamTtl, Clock clock, String threadName) {
        this.connections = connections;
        this.keys = keys;
        this.replyStream = replyStream;
        this.replyStreamKey = DataPlaneKeys.bytes(replyStream);
        this.codec = codec;
        this.replyStreamTtl = replyStreamTtl;
        this.clock = clock;
        this.retries = new RetryLog(log, replyStream + " - reading results", false);
        this.thread = new Thread(this::run, threadName);
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    String replyStream() {
        return replyStream;
    }

    /** Starts waiting for a request this client is about to submit (registered first, so no notice is missed). */
    void expect(RedisRequest request) {
        waiting.put(request.id(), new Waiting(request, System.nanoTime()));
    }

    /** Stops waiting for a request whose submit failed. */
    void forget(String id) {
        waiting.remove(id);
    }

    /** The request being waited for under {@code id}, if any. */
    RedisRequest waitingFor(String id) {
        Waiting w = waiting.get(id);
        return w == null ? null : w.request;
    }

    /**
     * Waits for a request submitted elsewhere: registers as a watcher, then reads its result once.
     *
     * @return the request, completed already if its result existed
     */
    RedisRequest watch(RedisRequest request) {
        Waiting previous = waiting.putIfAbsent(request.id(), new Waiting(request, System.nanoTime()));
        if (previous != null) {
            return previous.request;
        }
        int p = request.partition();
        byte[] watchers = DataPlaneKeys.bytes(DataPlaneKeys.watchers(keys, p, request.id()));
        byte[] result = connections.with(jedis -> {
            Pipeline pipe = jedis.pipelined();
            pipe.sadd(watchers, replyStreamKey);
            pipe.pexpire(watchers, replyStreamTtl.toMillis());
            Response<byte[]> r = pipe.get(DataPlaneKeys.bytes(keys.result(p, request.id())));
            pipe.sync();
            return r.get();
        });
        if (result != null) {
            deliver(request.id(), result);
        }
        return request;
    }

    private void run() {
        Jedis jedis = null;
        long nextSweep = System.nanoTime() + SWEEP_INTERVAL.toNanos();
        Duration backoff = Duration.ofMillis(50);
        while (!closed) {
            try {
                if (jedis == null) {
                    jedis = connections.dedicated(BLOCK);
                }
                Object reply = jedis.sendBlockingCommand(Protocol.Command.XREAD,
                        DataPlaneKeys.bytes("COUNT"), DataPlaneKeys.bytes(Integer.toString(READ_COUNT)),
                        DataPlaneKeys.bytes("BLOCK"), DataPlaneKeys.bytes(Long.toString(BLOCK.toMillis())),
                        DataPlaneKeys.bytes("STREAMS"), replyStreamKey, DataPlaneKeys.bytes(lastId));
                List<StreamEntry> entries = StreamEntry.fromReadReply(reply);
                if (!entries.isEmpty()) {
                    handle(jedis, entries);
                }
                if (System.nanoTime() - nextSweep >= 0) {
                    sweep(jedis);
                    nextSweep = System.nanoTime() + SWEEP_INTERVAL.toNanos();
                }
                retries.succeeded();
                backoff = Duration.ofMillis(50);
            } catch (RuntimeException | OutOfMemoryError e) {
                // Out of memory reading one huge reply must not end this thread: every waiting request of the client
                // would then hang until its timeout. Reconnect and read on; what was lost comes back with the sweep.
                if (closed) {
                    break;
                }
                retries.failed(e, "reconnecting in " + backoff.toMillis() + " ms");
                closeQuietly(jedis);
                jedis = null;
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
        closeQuietly(jedis);
    }

    private void handle(Jedis jedis, List<StreamEntry> entries) {
        List<Waiting> toFetch = new ArrayList<>();
        for (StreamEntry e : entries) {
            String id = e.text(DataPlaneKeys.ID);
            if (id == null) {
                continue;
            }
            byte[] inline = e.fields().get(DataPlaneKeys.RESULT);
            Waiting w;
            if (inline != null) {
                deliver(id, inline);
            } else if ((w = waiting.get(id)) != null) {
                toFetch.add(w);
            }
        }
        lastId = entries.get(entries.size() - 1).id();
        untrimmed += entries.size();
        if (toFetch.isEmpty() && untrimmed < TRIM_EVERY) {
            return; // every result came inline: no round trip before the next read
        }
        fetch(jedis, toFetch, FETCH_CHUNK, this::trim); // the trim rides along with the first fetch
    }

    /**
     * Reads and delivers the result keys of {@code requests}, {@code chunk} per round trip; {@code first} adds commands
     * to the first round trip (sent even when there is nothing to read).
     */
    private void fetch(Jedis jedis, List<Waiting> requests, int chunk, Consumer<Pipeline> first) {
        int from = 0;
        do {
            int to = Math.min(requests.size(), from + chunk);
            Pipeline pipe = jedis.pipelined();
            if (from == 0) {
                first.accept(pipe);
            }
            List<Response<byte[]>> fetched = new ArrayList<>(to - from);
            for (Waiting w : requests.subList(from, to)) {
                fetched.add(pipe.get(DataPlaneKeys.bytes(keys.result(w.request.partition(), w.request.id()))));
            }
            pipe.sync();
            for (int i = from; i < to; i++) {
                byte[] result = fetched.get(i - from).get();
                if (result != null) {
                    deliver(requests.get(i).request.id(), result);
                }
            }
            from = to;
        } while (from < requests.size());
    }

    /** This client is the stream's only reader: what it has read can go. */
    private void trim(Pipeline pipe) {
        if (!"0-0".equals(lastId)) {
            pipe.sendCommand(Protocol.Command.XTRIM, replyStreamKey, DataPlaneKeys.bytes("MINID"),
                    DataPlaneKeys.bytes(nextId(lastId)));
        }
        untrimmed = 0;
    }

    /**
     * Reads the result keys of requests that have waited a full sweep interval, renews the reply stream TTL and trims
     * what has been read.
     */
    private void sweep(Jedis jedis) {
        long cutoff = System.nanoTime() - SWEEP_INTERVAL.toNanos();
        List<Waiting> old = new ArrayList<>();
        for (Waiting w : waiting.values()) {
            if (w.since - cutoff <= 0) {
                old.add(w);
            }
        }
        fetch(jedis, old, SWEEP_CHUNK, pipe -> {
            pipe.pexpire(replyStreamKey, replyStreamTtl.toMillis());
            trim(pipe);
        });
    }

    private void deliver(String id, byte[] encoded) {
        Waiting w = waiting.remove(id);
        if (w == null) {
            return; // a notice for a request nobody here waits for any more (or a duplicate)
        }
        try {
            w.request.complete(codec.decodeResult(encoded));
        } catch (RuntimeException | OutOfMemoryError e) {
            // One result too large to decode fails its own request, not the dispatcher.
            log.warn("request {} - its result could not be decoded: {}", id, e.toString());
            w.request.fail(new AsyncArcticException("The result of request " + id + " could not be decoded: "
                    + e.getMessage(), e), clock.instant());
        }
    }

    /** The smallest stream id greater than {@code id}, for an exclusive MINID trim. */
    private static String nextId(String id) {
        int dash = id.indexOf('-');
        return id.substring(0, dash) + "-" + (Long.parseLong(id.substring(dash + 1)) + 1);
    }

    @Override
    public void close() {
        closed = true;
        try {
            thread.join(BLOCK.toMillis() + RedisUrl.DEFAULT_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Jedis jedis) {
        if (jedis != null) {
            try {
                jedis.close();
            } catch (RuntimeException ignored) {
                // a broken connection cannot be closed more cleanly
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            TimeUnit.MILLISECONDS.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
