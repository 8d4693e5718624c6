package io.github.arcticasync.worker.internal;

import io.github.arcticasync.internal.cluster.Keys;
import io.github.arcticasync.internal.transport.RetryLog;
import io.github.arcticasync.internal.transport.redis.DataPlaneKeys;
import io.github.arcticasync.internal.transport.redis.RedisConnections;
import io.github.arcticasync.internal.transport.redis.StreamEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisDataException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;

/**
 * Reads new entries from every partition this worker owns and fetches, with one blocking {@code XREADGROUP} over all
 * their streams on one dedicated connection, and only as many as the worker has room for (its thread allotment plus a
 * prefetch window, {@link PrefetchWindow}), so a worker never hoards entries another could run.
 *
 * <p>Entries pending for this worker that it does not hold — a read whose reply was lost, an entry given back after a
 * failed envelope read — are reclaimed by nobody else while this worker lives. It picks them up itself: all of them
 * after it lost its connection, and every {@code strayAfter} those idle at least that long (an entry it holds is never
 * taken twice: {@code holds} tells).
 */
public final class PartitionConsumer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PartitionConsumer.class);
    private static final Duration BLOCK = Duration.ofMillis(200);
    /** Most stray entries looked at per partition and check. */
    private static final int STRAY_PAGE = 100;

    private final RedisConnections connections;
    private final Keys keys;
    private final String workerId;
    private final Map<Integer, PartitionState> owned;
    private final IntSupplier room;
    private final BiConsumer<Integer, StreamEntry> sink;
    private final BiConsumer<Integer, StreamEntry> ownPending;
    private final IntConsumer groupMissing;
    private final BiPredicate<Integer, String> holds;
    private final Duration strayAfter;
    private long nextStrayCheck;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private final Thread thread;
    private final RetryLog retries;
    private volatile boolean stopped;

    /**
     * @param room         how many more entries the worker can take now
     * @param sink         receives each entry (partition, entry) read for the worker
     * @param ownPending   receives entries pending for this worker in the partitions it fetches: after a lost
     *                     connection all of them (some it holds already, others a lost reply never brought), and at
     *                     each stray check those idle and not held
     * @param groupMissing called with a partition whose consumer group vanished (a Redis that lost its data)
     * @param holds        whether the worker holds entry (partition, entry id) now
     * @param strayAfter   how often, and after how long idle, entries pending for this worker but not held are taken
     */
    public PartitionConsumer(RedisConnections connections, Keys keys, String workerId,
                             Map<Integer, PartitionState> owned, IntSupplier room,
                             BiConsumer<Integer, StreamEntry> sink, BiConsumer<Integer, StreamEntry> ownPending,
                             IntConsumer groupMissing, BiPredicate<Integer, String> holds, Duration strayAfter) {
        this.connections = connections;
        this.keys = keys;
        this.workerId = workerId;
        this.retries = new RetryLog(log, workerId + " - reading partitions", false);
        this.owned = owned;
        this.room = room;
        this.sink = sink;
        this.ownPending = ownPending;
        this.groupMissing = groupMissing;
        this.holds = holds;
        this.strayAfter = strayAfter;
        this.nextStrayCheck = System.nanoTime() + strayAfter.toNanos();
        this.thread = new Thread(this::run, "arctic-async-fetch-" + workerId);
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    /** Re-checks room and partitions now (after a completion or an assignment change). */
    public void wake() {
        lock.lock();
        try {
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        Jedis jedis = null;
        long pause = 50;
        boolean reconnected = false;
        while (!stopped) {
            try {
                List<PartitionState> active = new ArrayList<>();
                for (PartitionState s : owned.values()) {
                    if (s.fetching()) {
                        active.add(s);
                    }
                }
                int free = room.getAsInt();
                if (active.isEmpty() || free <= 0) {
                    // No Redis call here, so an outage's run stays open until the next read works and says so.
                    idle();
                    continue;
                }
                if (jedis == null) {
                    jedis = connections.dedicated(BLOCK);
                }
                if (reconnected) {
                    // A read whose reply the lost connection swallowed left its entries pending for us, and no one
                    // reclaims a live owner's entries: pick them up before reading anything newer (keeps the order).
                    recoverOwnPending(jedis, active);
                    reconnected = false;
                } else if (System.nanoTime() - nextStrayCheck >= 0) {
                    takeStrays(jedis, active);
                    nextStrayCheck = System.nanoTime() + strayAfter.toNanos();
                }
                read(jedis, active, free);
                retries.succeeded();
                pause = 50;
            } catch (RuntimeException e) {
                if (stopped) {
                    break;
                }
                retries.failed(e, "reconnecting in " + pause + " ms");
                close(jedis);
                jedis = null;
                reconnected = true;
                sleep(pause);
                pause = Math.min(pause * 2, 1000);
            }
        }
        close(jedis);
    }

    private void read(Jedis jedis, List<PartitionState> active, int free) {
        int perStream = Math.max(1, (free + active.size() - 1) / active.size());
        List<byte[]> args = new ArrayList<>();
        args.add(DataPlaneKeys.bytes("GROUP"));
        args.add(DataPlaneKeys.bytes(Keys.CONSUMER_GROUP));
        args.add(DataPlaneKeys.bytes(workerId));
        args.add(DataPlaneKeys.bytes("COUNT"));
        args.add(DataPlaneKeys.bytes(Integer.toString(perStream)));
        args.add(DataPlaneKeys.bytes("BLOCK"));
        args.add(DataPlaneKeys.bytes(Long.toString(BLOCK.toMillis())));
        args.add(DataPlaneKeys.bytes("STREAMS"));
        Map<String, Integer> byKey = new HashMap<>();
        for (PartitionState s : active) {
            String key = keys.requestStream(s.partition());
            byKey.put(key, s.partition());
            args.add(DataPlaneKeys.bytes(key));
        }
        for (int i = 0; i < active.size(); i++) {
            args.add(DataPlaneKeys.bytes(">"));
        }
        Object reply;
        try {
            reply = jedis.sendBlockingCommand(Protocol.Command.XREADGROUP, args.toArray(new byte[0][]));
        } catch (JedisDataException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("NOGROUP")) {
                for (PartitionState s : active) {
                    groupMissing.accept(s.partition());
                }
                return;
            }
            throw e;
        }
        for (StreamEntry entry : StreamEntry.fromReadReply(reply)) {
            Integer p = byKey.get(entry.stream());
            PartitionState state = p == null ? null : owned.get(p);
            if (state == null) {
                continue; // cannot happen: we only read streams we own
            }
            sink.accept(p, entry);
        }
    }

    private void recoverOwnPending(Jedis jedis, List<PartitionState> active) {
        for (PartitionState s : active) {
            Object reply = jedis.sendCommand(Protocol.Command.XREADGROUP, DataPlaneKeys.bytes("GROUP"),
                    DataPlaneKeys.bytes(Keys.CONSUMER_GROUP), DataPlaneKeys.bytes(workerId),
                    DataPlaneKeys.bytes("STREAMS"), DataPlaneKeys.bytes(keys.requestStream(s.partition())),
                    DataPlaneKeys.bytes("0"));
            for (StreamEntry entry : StreamEntry.fromReadReply(reply)) {
                if (!entry.fields().isEmpty()) { // an entry trimmed away while pending comes back without fields
                    ownPending.accept(s.partition(), entry);
                }
            }
        }
    }

    /** Takes the entries pending for this worker, idle for {@code strayAfter}, that it does not hold. */
    private void takeStrays(Jedis jedis, List<PartitionState> active) {
        byte[] group = DataPlaneKeys.bytes(Keys.CONSUMER_GROUP);
        byte[] me = DataPlaneKeys.bytes(workerId);
        byte[] minIdle = DataPlaneKeys.bytes(Long.toString(strayAfter.toMillis()));
        for (PartitionState s : active) {
            byte[] stream = DataPlaneKeys.bytes(keys.requestStream(s.partition()));
            List<?> pending = (List<?>) jedis.sendCommand(Protocol.Command.XPENDING, stream, group,
                    DataPlaneKeys.bytes("IDLE"), minIdle, DataPlaneKeys.bytes("-"), DataPlaneKeys.bytes("+"),
                    DataPlaneKeys.bytes(Integer.toString(STRAY_PAGE)), me);
            List<byte[]> claim = new ArrayList<>();
            for (Object row : pending) {
                byte[] id = (byte[]) ((List<?>) row).get(0);
                if (!holds.test(s.partition(), new String(id, StandardCharsets.UTF_8))) {
                    claim.add(id);
                }
            }
            if (claim.isEmpty()) {
                continue;
            }
            List<byte[]> args = new ArrayList<>(List.of(stream, group, me, minIdle));
            args.addAll(claim);
            // XCLAIM to ourselves resets the idle time and counts a delivery; an entry acked meanwhile is not returned.
            Object claimed = jedis.sendCommand(Protocol.Command.XCLAIM, args.toArray(new byte[0][]));
            for (StreamEntry entry : StreamEntry.fromEntries(keys.requestStream(s.partition()), claimed)) {
                if (!entry.fields().isEmpty()) {
                    ownPending.accept(s.partition(), entry);
                }
            }
        }
    }

    private void idle() {
        lock.lock();
        try {
            wake.await(100, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopped = true;
        } finally {
            lock.unlock();
        }
    }

    /** Stops fetching; returns once the current read has ended. */
    @Override
    public void close() {
        stopped = true;
        wake();
        try {
            thread.join(BLOCK.toMillis() + 6000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void close(Jedis jedis) {
        if (jedis != null) {
            try {
                jedis.close();
            } catch (RuntimeException ignored) {
                // broken anyway
            }
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
