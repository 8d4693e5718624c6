package io.github.arcticasync.worker.internal;

import io.github.arcticasync.internal.cluster.Keys;
import io.github.arcticasync.internal.cluster.StatCounter;
import io.github.arcticasync.internal.transport.redis.DataPlaneKeys;
import io.github.arcticasync.internal.transport.redis.LuaScript;
import io.github.arcticasync.internal.transport.redis.RedisConnections;
import io.github.arcticasync.internal.transport.redis.RedisStreamsTransport;
import io.github.arcticasync.internal.transport.redis.StreamScripts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Response;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Writes results and acks, batched: one thread drains what the executors finished and runs the
 * {@link StreamScripts#COMPLETE} script for each in one pipeline (result SET NX + XACK, fenced by ownership), then
 * notifies the submitters' reply streams (and any foreign watchers) in a second one. Result first, then ack, in one
 * atomic step: a crash before it leaves the entry pending for the next owner; after it, nothing is redone.
 */
public final class ResultPoster implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ResultPoster.class);
    private static final int MAX_BATCH = 256;
    /** Reply streams keep about this many notices; a client reads them within milliseconds. */
    private static final String REPLY_MAXLEN = "100000";

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
    private final Thread thread;
    private volatile boolean closing;

    public ResultPoster(RedisConnections connections, Keys keys, String workerId, Duration resultTtl,
                        WorkerMetrics metrics, Consumer<Posting> onPosted) {
        this.connections = connections;
        this.keys = keys;
        this.workerId = workerId;
        this.resultTtl = resultTtl;
        this.metrics = metrics;
        this.onPosted = onPosted;
        this.thread = new Thread(this::run, "arctic-async-poster-" + workerId);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    public void post(Posting posting) {
        queue.add(posting);
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
                    queue.drainTo(batch, MAX_BATCH - 1);
                }
                postBatch(batch);
                for (Posting p : batch) {
                    onPosted.accept(p);
                }
                batch.clear();
                pause = 50;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // Keep the batch: results are never dropped while the worker lives; the scripts are idempotent.
                log.warn("{} - posting {} results failed, retrying in {} ms: {}", workerId, batch.size(), pause,
                        e.toString());
                sleep(pause);
                pause = Math.min(pause * 2, 1000);
            }
        }
    }

    private void postBatch(List<Posting> batch) {
        connections.with(jedis -> {
            List<Object> statuses = complete(jedis, batch);
            Pipeline pipe = jedis.pipelined();
            Set<String> touched = new HashSet<>();
            for (int i = 0; i < batch.size(); i++) {
                Posting p = batch.get(i);
                List<?> reply = (List<?>) statuses.get(i);
                long status = (Long) reply.get(0);
                if (status == StreamScripts.COMPLETE_NOT_OWNER) {
                    metrics.fenced();
                    log.info("{} - request {} not posted: partition {} is no longer ours (the new owner reruns it)",
                            workerId, p.task().requestId(), p.task().partition());
                    continue;
                }
                if (status == StreamScripts.COMPLETE_WRITTEN) {
                    metrics.completed(p.counter() == StatCounter.COMPLETED);
                }
                List<String> targets = new ArrayList<>();
                if (p.task().replyStream() != null) {
                    targets.add(p.task().replyStream());
                }
                for (int w = 1; w < reply.size(); w++) {
                    targets.add(new String((byte[]) reply.get(w), java.nio.charset.StandardCharsets.UTF_8));
                }
                for (String target : targets) {
                    byte[] key = DataPlaneKeys.bytes(target);
                    if (status == StreamScripts.COMPLETE_WRITTEN
                            && p.result().length <= RedisStreamsTransport.INLINE_RESULT_LIMIT) {
                        pipe.sendCommand(Protocol.Command.XADD, key, DataPlaneKeys.bytes("MAXLEN"),
                                DataPlaneKeys.bytes("~"), DataPlaneKeys.bytes(REPLY_MAXLEN), DataPlaneKeys.bytes("*"),
                                DataPlaneKeys.bytes(DataPlaneKeys.ID), DataPlaneKeys.bytes(p.task().requestId()),
                                DataPlaneKeys.bytes(DataPlaneKeys.RESULT), p.result());
                    } else {
                        pipe.sendCommand(Protocol.Command.XADD, key, DataPlaneKeys.bytes("MAXLEN"),
                                DataPlaneKeys.bytes("~"), DataPlaneKeys.bytes(REPLY_MAXLEN), DataPlaneKeys.bytes("*"),
                                DataPlaneKeys.bytes(DataPlaneKeys.ID), DataPlaneKeys.bytes(p.task().requestId()));
                    }
                    if (touched.add(target)) {
                        // A reply stream whose client died must not outlive the results it announces.
                        pipe.pexpire(key, resultTtl.toMillis());
                    }
                }
            }
            pipe.sync();
            return null;
        });
    }

    private List<Object> complete(Jedis jedis, List<Posting> batch) {
        for (int attempt = 0; ; attempt++) {
            Pipeline pipe = jedis.pipelined();
            List<Response<Object>> responses = new ArrayList<>(batch.size());
            for (Posting p : batch) {
                responses.add(queueComplete(pipe, p));
            }
            pipe.sync();
            List<Object> out = new ArrayList<>(batch.size());
            try {
                for (Response<Object> r : responses) {
                    out.add(r.get());
                }
                return out;
            } catch (RuntimeException e) {
                if (attempt == 0 && LuaScript.isNoScript(e)) {
                    StreamScripts.COMPLETE.load(jedis); // a restarted Redis forgot the script; the batch is idempotent
                    continue;
                }
                throw e;
            }
        }
    }

    private Response<Object> queueComplete(Pipeline pipe, Posting p) {
        Task t = p.task();
        int part = t.partition();
        return StreamScripts.COMPLETE.queue(pipe,
                List.of(DataPlaneKeys.bytes(keys.owner(part)), DataPlaneKeys.bytes(keys.result(part, t.requestId())),
                        DataPlaneKeys.bytes(keys.requestStream(part)), DataPlaneKeys.bytes(keys.stats(part)),
                        DataPlaneKeys.bytes(DataPlaneKeys.submitMarker(keys, part, t.requestId())),
                        DataPlaneKeys.bytes(DataPlaneKeys.watchers(keys, part, t.requestId()))),
                List.of(DataPlaneKeys.bytes(workerId), DataPlaneKeys.bytes(t.entryId()), p.result(),
                        DataPlaneKeys.bytes(Long.toString(resultTtl.toMillis())),
                        DataPlaneKeys.bytes(p.counter().field()), DataPlaneKeys.bytes(Keys.CONSUMER_GROUP)));
    }

    /** Whether nothing waits to be posted. */
    public boolean idle() {
        return queue.isEmpty();
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
