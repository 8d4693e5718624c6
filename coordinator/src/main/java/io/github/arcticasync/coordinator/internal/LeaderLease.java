package io.github.arcticasync.coordinator.internal;

import io.github.arcticasync.internal.cluster.Keys;
import org.redisson.api.RLock;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The leader lease: a Redisson lock on {@link Keys#leaderLock()} kept alive by Redisson's watchdog (which renews it
 * every third of the lease while this process lives), plus the fencing epoch taken from the pool record on every
 * acquisition. Everything the leader writes is checked against that epoch inside Redis, so a deposed leader that has
 * not noticed yet cannot overwrite its successor.
 *
 * <p>The lock is held under a fixed owner id rather than the calling thread, so any scheduler thread may renew or
 * release it.
 */
public final class LeaderLease {

    /** The Redisson "thread id" under which this process holds the lock; the client id makes it unique. */
    private static final long OWNER = 1L;

    private final RedissonClient redis;
    private final Keys keys;
    private final String coordinatorId;
    private final RLock lock;

    /** A lease for {@code coordinatorId} in the namespace of {@code keys}. */
    public LeaderLease(RedissonClient redis, Keys keys, String coordinatorId) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.coordinatorId = Keys.requireWorkerId(coordinatorId);
        this.lock = redis.getLock(keys.leaderLock());
    }

    /** Tries once, without waiting, to take the lock; on success takes and returns the next epoch. */
    public OptionalLong tryAcquire() {
        boolean acquired = lock.tryLockAsync(0, -1, TimeUnit.MILLISECONDS, OWNER).toCompletableFuture().join();
        if (!acquired) {
            return OptionalLong.empty();
        }
        Long epoch = redis.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, PoolScripts.TAKE_EPOCH,
                RScript.ReturnType.INTEGER, List.of(keys.pool()), coordinatorId);
        return OptionalLong.of(epoch);
    }

    /** Whether this process still holds the lock (false once the watchdog failed and the lock lapsed). */
    public boolean isHeld() {
        return lock.isHeldByThread(OWNER);
    }

    /** Releases the lock if held, so another coordinator can lead at once instead of after the lease. */
    public void release() {
        if (lock.isHeldByThread(OWNER)) {
            lock.unlockAsync(OWNER).toCompletableFuture().join();
        }
    }
}
