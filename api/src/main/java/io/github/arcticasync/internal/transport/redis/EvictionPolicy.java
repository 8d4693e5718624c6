package io.github.arcticasync.internal.transport.redis;

import org.slf4j.Logger;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

import java.util.Optional;

/**
 * Whether Redis may evict this system's keys. Under any {@code maxmemory-policy} but {@code noeviction}, a Redis that
 * reaches {@code maxmemory} deletes keys of its choosing: request streams, results, submit markers, owner keys.
 * Requests then vanish without an error, which no retry or reclaim can repair, so clients and workers say so when they
 * connect. It is a warning, not a refusal: the operator may have sized memory so that eviction never happens.
 */
public final class EvictionPolicy {
    /** The only policy under which Redis refuses writes instead of deleting data when memory is full. */
    public static final String SAFE = "noeviction";

    private EvictionPolicy() {
    }

    /** The server's {@code maxmemory-policy} from {@code INFO memory}, or empty if it does not say (or hides INFO). */
    public static Optional<String> of(Jedis jedis) {
        String info;
        try {
            info = jedis.info("memory");
        } catch (JedisDataException e) {
            return Optional.empty(); // a managed Redis may rename or forbid INFO; nothing to judge then
        }
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("maxmemory_policy:")) {
                return Optional.of(line.substring("maxmemory_policy:".length()).trim());
            }
        }
        return Optional.empty();
    }

    /** The warning for a server with {@code policy}, or empty when the policy keeps every key. */
    public static Optional<String> warning(String policy, RedisUrl url) {
        if (policy == null || policy.equals(SAFE)) {
            return Optional.empty();
        }
        return Optional.of("Redis at " + url + " has maxmemory-policy " + policy + ": when it reaches maxmemory it "
                + "deletes keys, and queued requests and results are lost without an error. Set maxmemory-policy "
                + SAFE + " (then a full Redis refuses new submits instead).");
    }

    /** Logs {@link #warning} at WARN for the Redis behind {@code connections}; never throws. */
    public static void warnIfEvicting(RedisConnections connections, Logger log) {
        try {
            connections.with(EvictionPolicy::of)
                    .flatMap(policy -> warning(policy, connections.url()))
                    .ifPresent(log::warn);
        } catch (RuntimeException e) {
            log.debug("could not read the maxmemory-policy of {}: {}", connections.url(), e.toString());
        }
    }
}
