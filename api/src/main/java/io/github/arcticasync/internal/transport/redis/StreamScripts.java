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

    /** Keys per request in {@link #SUBMIT}'s KEYS. */
    public static final int SUBMIT_KEYS = 6;

    /**
     * Enqueues a batch of requests in one call (a lone submit is a batch of one). KEYS, {@link #SUBMIT_KEYS} per
     * request: closed marker, submit marker of the id, result key of the id, request stream, stats, staged envelope;
     * ARGV: reply stream of the submitter, marker TTL ms, then id and envelope per request — an empty envelope means
     * it was staged at the staged-envelope key by a SET just before (large values never enter Lua), and the entry
     * names that key instead of carrying the envelope. Returns one status per request, in order: refused when its
     * partition is closed; an id is enqueued at most once (the marker is set NX in the same step as the XADD, and an
     * id that already has a result is not enqueued again); {@code submitted} counts first enqueues only, one HINCRBY
     * per partition. Requests are enqueued in batch order, so submit order per symbol holds. A staged envelope that
     * will not be used is deleted (unless the id is already enqueued: its entry uses it); a missing one fails the
     * call before anything is written.
     */
    public static final LuaScript SUBMIT = new LuaScript("submit", """
            local reply, ttl = ARGV[1], ARGV[2]
            local out, closed, counts = {}, {}, {}
            for i = 1, #KEYS / 6 do
              if ARGV[2 * i + 2] == '' and redis.call('EXISTS', KEYS[(i - 1) * 6 + 6]) == 0 then
                return redis.error_reply('ERR staged envelope of ' .. ARGV[2 * i + 1] .. ' is missing')
              end
            end
            for i = 1, #KEYS / 6 do
              local k = (i - 1) * 6
              local id, env = ARGV[2 * i + 1], ARGV[2 * i + 2]
              local isClosed = closed[KEYS[k + 1]]
              if isClosed == nil then
                isClosed = redis.call('EXISTS', KEYS[k + 1]) == 1
                closed[KEYS[k + 1]] = isClosed
              end
              if isClosed then
                out[i] = -1
                if env == '' then redis.call('DEL', KEYS[k + 6]) end
              elseif redis.call('EXISTS', KEYS[k + 3]) == 1 then
                out[i] = 0
                if env == '' then redis.call('DEL', KEYS[k + 6]) end
              elseif not redis.call('SET', KEYS[k + 2], '1', 'NX', 'PX', ttl) then
                out[i] = 0
              else
                if env == '' then
                  redis.call('XADD', KEYS[k + 4], '*', 'id', id, 'envkey', KEYS[k + 6], 'reply', reply)
                else
                  redis.call('XADD', KEYS[k + 4], '*', 'id', id, 'env', env, 'reply', reply)
                end
                counts[KEYS[k + 5]] = (counts[KEYS[k + 5]] or 0) + 1
                out[i] = 1
              end
            end
            for stats, n in pairs(counts) do redis.call('HINCRBY', stats, 'submitted', n) end
            return out
            """);

    /** {@link #COMPLETE}'s status of a request whose partition the caller does not own: nothing was done. */
    public static final long COMPLETE_NOT_OWNER = -1;
    /** {@link #COMPLETE}'s status of a request that already had a result: acked, not counted again. */
    public static final long COMPLETE_ALREADY_DONE = 0;
    /** {@link #COMPLETE}'s status of a request whose result this call wrote. */
    public static final long COMPLETE_WRITTEN = 1;
    /** Keys per request in {@link #COMPLETE}'s KEYS. */
    public static final int COMPLETE_KEYS = 8;
    /** Arguments per request in {@link #COMPLETE}'s ARGV, after the {@value #COMPLETE_SHARED_ARGS} shared ones. */
    public static final int COMPLETE_ARGS = 6;
    /** Leading arguments of {@link #COMPLETE} shared by every request of the batch. */
    public static final int COMPLETE_SHARED_ARGS = 4;

    /**
     * Completes a batch of requests and notifies their waiters, in one call. KEYS, {@link #COMPLETE_KEYS} per request:
     * owner, result key, request stream, stats, submit marker, watchers set, staged result, staged envelope (deleted
     * with the marker; absent unless the request's envelope was large). ARGV: worker id, result TTL
     * ms, consumer group, reply-stream MAXLEN; then per request: request id, entry id, result envelope ("" when
     * staged), counter field, mode ("1": carry the result in the notice; "0": do not; "S": the result was staged at
     * the staged-result key by a SET just before, and is moved into place with RENAME — large values never enter
     * Lua), the submitter's reply stream ("" for none). Per request: fenced by ownership (only the partition's owner
     * completes); the result is written only if none exists (a request is never completed twice) and counted only
     * then; the entry is acked, the marker deleted; then a notice goes to the reply stream and to each watcher,
     * carrying the result only when this call wrote it. Notifying in the same atomic step as the write means no
     * waiter can see a notice for a result that is not the stored one. A staged result that is not used is deleted.
     * Reply streams and watchers are other clients' keys, named in ARGV and the watcher set: the data plane runs on
     * one Redis primary (docs/protocol.md §7). Returns one status per request.
     */
    public static final LuaScript COMPLETE = new LuaScript("complete", """
            local worker, ttl, group, maxlen = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
            local out, touched, owned, counts, acks, markers = {}, {}, {}, {}, {}, {}
            local function notify(stream, id, res)
              if res then
                redis.call('XADD', stream, 'MAXLEN', '~', maxlen, '*', 'id', id, 'res', res)
              else
                redis.call('XADD', stream, 'MAXLEN', '~', maxlen, '*', 'id', id)
              end
              if not touched[stream] then
                touched[stream] = true
                redis.call('PEXPIRE', stream, ttl)
              end
            end
            for i = 1, #KEYS / 8 do
              -- check before any write: a failed script keeps what it did, so fail before doing anything
              if ARGV[4 + (i - 1) * 6 + 5] == 'S' and redis.call('EXISTS', KEYS[(i - 1) * 8 + 7]) == 0 then
                return redis.error_reply('ERR staged result of ' .. ARGV[4 + (i - 1) * 6 + 1] .. ' is missing')
              end
            end
            for i = 1, #KEYS / 8 do
              local k, a = (i - 1) * 8, 4 + (i - 1) * 6
              local id, res, mode = ARGV[a + 1], ARGV[a + 3], ARGV[a + 5]
              local mine = owned[KEYS[k + 1]]
              if mine == nil then
                mine = redis.call('GET', KEYS[k + 1]) == worker
                owned[KEYS[k + 1]] = mine
              end
              local written = false
              if mine and mode == 'S' then
                if redis.call('EXISTS', KEYS[k + 2]) == 0 then
                  redis.call('RENAME', KEYS[k + 7], KEYS[k + 2])
                  written = true
                end
              elseif mine then
                written = redis.call('SET', KEYS[k + 2], res, 'NX', 'PX', ttl)
              end
              if mode == 'S' and not written then redis.call('DEL', KEYS[k + 7]) end
              if not mine then
                out[i] = -1
              else
                local notice = nil
                out[i] = 0
                if written then
                  out[i] = 1
                  local c = counts[KEYS[k + 4]]
                  if not c then c = {}; counts[KEYS[k + 4]] = c end
                  c[ARGV[a + 4]] = (c[ARGV[a + 4]] or 0) + 1
                  if mode == '1' then notice = res end
                end
                local ack = acks[KEYS[k + 3]]
                if not ack then ack = {}; acks[KEYS[k + 3]] = ack end
                ack[#ack + 1] = ARGV[a + 2]
                markers[#markers + 1] = KEYS[k + 5]
                markers[#markers + 1] = KEYS[k + 8]
                if ARGV[a + 6] ~= '' then notify(ARGV[a + 6], id, notice) end
                local watchers = redis.call('SMEMBERS', KEYS[k + 6])
                for w = 1, #watchers do notify(watchers[w], id, notice) end
                if #watchers > 0 then redis.call('DEL', KEYS[k + 6]) end
              end
            end
            for stream, ids in pairs(acks) do redis.call('XACK', stream, group, unpack(ids)) end
            if #markers > 0 then redis.call('DEL', unpack(markers)) end
            for stats, c in pairs(counts) do
              for field, n in pairs(c) do redis.call('HINCRBY', stats, field, n) end
            end
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
