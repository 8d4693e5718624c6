package io.github.arcticasync.internal.transport.redis;

import io.github.arcticasync.internal.cluster.ControlScripts;

/**
 * The Lua scripts of the data plane, shared by clients and workers. Each touches only the keys of one partition
 * ({@code aa:{ns:p}:*}) or only control-plane keys ({@code aa:{ns}:*}), so it runs on one Redis Cluster slot.
 */
public final class StreamScripts {
    private StreamScripts() {
    }

    /** Returned by {@link #SUBMIT} when the partition's closed marker is set. */
    public static final long SUBMIT_CLOSED = -1;
    /** Returned by {@link #SUBMIT} when the id was already enqueued (or already has a result): nothing was added. */
    public static final long SUBMIT_DUPLICATE = 0;
    /** Returned by {@link #SUBMIT} on a first enqueue. */
    public static final long SUBMIT_ENQUEUED = 1;

    /**
     * KEYS: closed marker, submit marker of the id, result key of the id, request stream, stats; ARGV: request id,
     * envelope, reply stream of the submitter, marker TTL ms. Refuses when closed; enqueues an id at most once (the
     * marker is set NX in the same step as the XADD, and an id that already has a result is not enqueued again), and
     * counts {@code submitted} only for a first enqueue.
     */
    public static final LuaScript SUBMIT = new LuaScript("submit", """
            if redis.call('EXISTS', KEYS[1]) == 1 then return -1 end
            if redis.call('EXISTS', KEYS[3]) == 1 then return 0 end
            if not redis.call('SET', KEYS[2], '1', 'NX', 'PX', ARGV[4]) then return 0 end
            redis.call('XADD', KEYS[4], '*', 'id', ARGV[1], 'env', ARGV[2], 'reply', ARGV[3])
            redis.call('HINCRBY', KEYS[5], 'submitted', 1)
            return 1
            """);

    /** First element of {@link #COMPLETE}'s reply when the caller does not own the partition: nothing was done. */
    public static final long COMPLETE_NOT_OWNER = -1;
    /** First element of {@link #COMPLETE}'s reply when a result already existed: acked, not counted again. */
    public static final long COMPLETE_ALREADY_DONE = 0;
    /** First element of {@link #COMPLETE}'s reply when this call wrote the result. */
    public static final long COMPLETE_WRITTEN = 1;

    /**
     * KEYS: owner, result key, request stream, stats, submit marker, watchers set; ARGV: worker id, entry id, result
     * envelope, result TTL ms, counter field, consumer group. Fenced by ownership: only the partition's owner may
     * complete. Writes the result only if none exists (SET NX: a request is never completed twice), counts it only
     * then, acks the entry, and returns {@code {status, watcher reply streams...}} so the caller can notify foreign
     * waiters.
     */
    public static final LuaScript COMPLETE = new LuaScript("complete", """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return {-1} end
            local status = 0
            if redis.call('SET', KEYS[2], ARGV[3], 'NX', 'PX', ARGV[4]) then
              status = 1
              redis.call('HINCRBY', KEYS[4], ARGV[5], 1)
            end
            redis.call('XACK', KEYS[3], ARGV[6], ARGV[2])
            redis.call('DEL', KEYS[5])
            local out = {status}
            local watchers = redis.call('SMEMBERS', KEYS[6])
            for i = 1, #watchers do out[#out + 1] = watchers[i] end
            if #watchers > 0 then redis.call('DEL', KEYS[6]) end
            return out
            """);

    /**
     * KEYS: owner; ARGV: worker id. Takes an unowned partition (or confirms one already owned): 1 if the caller owns
     * it now, 0 if another worker does.
     */
    public static final LuaScript TAKE_OWNER = new LuaScript("take-owner", """
            local current = redis.call('GET', KEYS[1])
            if current == ARGV[1] then return 1 end
            if current then return 0 end
            redis.call('SET', KEYS[1], ARGV[1])
            return 1
            """);

    /** KEYS: owner; ARGV: worker id. Deletes the owner key only if it still names the caller (the release). */
    public static final LuaScript RELEASE_OWNER = new LuaScript("release-owner", """
            if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
            return 0
            """);

    /**
     * KEYS: owner, request stream; ARGV: worker id, consumer group. Trims the stream below what the group has
     * delivered and acked: below the oldest pending entry, or, with none pending, below the last delivered one. Only
     * the owner trims. Returns the number of entries removed.
     */
    public static final LuaScript TRIM = new LuaScript("trim", """
            if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
            if redis.call('EXISTS', KEYS[2]) == 0 then return 0 end
            local last = nil
            for _, g in ipairs(redis.call('XINFO', 'GROUPS', KEYS[2])) do
              local f = {}
              for i = 1, #g, 2 do f[g[i]] = g[i + 1] end
              if f['name'] == ARGV[2] then last = f['last-delivered-id'] end
            end
            if not last or last == '0-0' then return 0 end
            local pending = redis.call('XPENDING', KEYS[2], ARGV[2])
            local minid = last
            if pending[1] > 0 then minid = pending[2] end
            return redis.call('XTRIM', KEYS[2], 'MINID', minid)
            """);

    /** KEYS: pool; ARGV: size, partitions. Creates the missing fields of the pool record (as the coordinator does). */
    public static final LuaScript ENSURE_POOL = new LuaScript("ensure-pool", ControlScripts.ENSURE_POOL);

    /** KEYS: pool; ARGV: field, value, notify channel. A control command: set one field and announce it. */
    public static final LuaScript SET_POOL_FIELD = new LuaScript("set-pool-field", ControlScripts.SET_POOL_FIELD);
}
