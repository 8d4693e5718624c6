package io.github.arcticasync.internal.transport.redis;

import io.github.arcticasync.asynchronous.AsyncArctic;
import io.github.arcticasync.asynchronous.AsyncArcticException;
import io.github.arcticasync.asynchronous.AsyncRequest;
import io.github.arcticasync.asynchronous.LibraryRef;
import io.github.arcticasync.internal.cluster.Keys;
import io.github.arcticasync.store.DataFrame;
import io.github.arcticasync.testkit.RedisConfig;
import io.github.arcticasync.testkit.RedisServer;
import io.github.arcticasync.testkit.RedisServers;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A Redis at maxmemory under {@code noeviction} refuses submits: the caller gets a typed error that says Redis is full
 * and what to do, nothing is enqueued, and submits go through again once memory is free. No worker is needed: a
 * submit is done when its entry is in the stream.
 */
class RedisFullIT {
    private static final String NS = "full";
    private static final LibraryRef LIB = LibraryRef.of("full_lib");

    private static long queued(Jedis jedis) {
        return RequestStreamEntries.count(jedis, Keys.of(NS, Keys.DEFAULT_PARTITIONS));
    }

    @Test
    void aFullRedisRefusesSubmitsTypedAndLosesNothingOnceItHasRoom() throws Exception {
        try (RedisServer redis = RedisServers.start(RedisConfig.builder()
                .extraArgs(List.of("--maxmemory", "64mb", "--maxmemory-policy", "noeviction")).build());
             Jedis jedis = new Jedis(redis.host(), redis.port());
             AsyncArctic acknowledged = AsyncArctic.builder().redis(redis.uri()).namespace(NS).build();
             AsyncArctic pipelined = AsyncArctic.builder().redis(redis.uri()).namespace(NS).pipelinedSubmits(true)
                     .build()) {
            AsyncRequest before = acknowledged.submit(LIB, "has_symbol", false, "A");
            assertThat(queued(jedis)).isEqualTo(1);

            redis.overMemoryLimit();
            assertThatThrownBy(() -> jedis.set("k", "v")).hasMessageContaining("OOM");
            assertThatThrownBy(() -> acknowledged.submit(LIB, "has_symbol", false, "B"))
                    .isInstanceOf(AsyncArcticException.class)
                    .hasMessageContaining("Could not submit request").hasMessageContaining("Redis is full")
                    .hasMessageContaining("maxmemory");
            // A large envelope is staged by a plain SET before the script: that SET is what Redis refuses.
            DataFrame large = DataFrame.builder().datetimeIndex(new long[4096]).column("v", new double[4096]).build();
            assertThatThrownBy(() -> acknowledged.submit(LIB, "write", false, "LARGE", large))
                    .isInstanceOf(AsyncArcticException.class).hasMessageContaining("Redis is full");
            AsyncRequest refused = pipelined.submit(LIB, "has_symbol", false, "C");
            assertThatThrownBy(() -> pipelined.waitRequest(refused, java.time.Duration.ofSeconds(10)))
                    .isInstanceOf(AsyncArcticException.class).hasMessageContaining("Redis is full");
            assertThat(queued(jedis)).as("nothing enqueued while full").isEqualTo(1);

            jedis.configSet("maxmemory", "64mb");
            AsyncRequest after = acknowledged.submit(LIB, "has_symbol", false, "D");
            assertThat(after.id()).isNotEqualTo(before.id());
            assertThat(queued(jedis)).as("the request from before and the one after").isEqualTo(2);
        }
    }
}
