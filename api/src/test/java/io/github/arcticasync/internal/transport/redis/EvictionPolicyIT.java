package io.github.arcticasync.internal.transport.redis;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.github.arcticasync.asynchronous.AsyncArctic;
import io.github.arcticasync.testkit.RedisConfig;
import io.github.arcticasync.testkit.RedisServer;
import io.github.arcticasync.testkit.RedisServers;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A Redis that may evict keys is named when a client connects; one that never evicts is left alone. */
class EvictionPolicyIT {

    private static List<String> warningsWhileConnecting(RedisServer redis) {
        Logger logger = (Logger) LoggerFactory.getLogger(RedisStreamsTransport.class);
        ListAppender<ILoggingEvent> seen = new ListAppender<>();
        seen.start();
        logger.addAppender(seen);
        try (AsyncArctic ignored = AsyncArctic.builder().redis(redis.uri()).namespace("evict").build()) {
            return seen.list.stream().filter(e -> e.getLevel() == Level.WARN)
                    .map(ILoggingEvent::getFormattedMessage).toList();
        } finally {
            logger.detachAppender(seen);
        }
    }

    @Test
    void aRedisThatMayEvictIsNamedWithItsPolicyAndWithoutThePassword() {
        try (RedisServer redis = RedisServers.start(RedisConfig.builder().password("s3cret-pw")
                .extraArgs(List.of("--maxmemory", "64mb", "--maxmemory-policy", "allkeys-lru")).build());
             Jedis jedis = new Jedis(redis.host(), redis.port())) {
            jedis.auth("s3cret-pw");

            assertThat(EvictionPolicy.of(jedis)).contains("allkeys-lru");
            List<String> warnings = warningsWhileConnecting(redis);

            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0)).contains("maxmemory-policy allkeys-lru").contains("noeviction")
                    .contains(String.valueOf(redis.port())).doesNotContain("s3cret-pw");
        }
    }

    @Test
    void aRedisThatNeverEvictsGetsNoWarning() {
        try (RedisServer redis = RedisServers.start(); Jedis jedis = new Jedis(redis.host(), redis.port())) {
            assertThat(EvictionPolicy.of(jedis)).contains(EvictionPolicy.SAFE);
            assertThat(warningsWhileConnecting(redis)).isEmpty();
        }
    }

    @Test
    void thePolicyDecidesTheWarning() {
        RedisUrl url = RedisUrl.parse("redis://127.0.0.1:6379");
        assertThat(EvictionPolicy.warning("noeviction", url)).isEmpty();
        assertThat(EvictionPolicy.warning(null, url)).isEmpty();
        assertThat(EvictionPolicy.warning("volatile-ttl", url)).hasValueSatisfying(w ->
                assertThat(w).contains("volatile-ttl").contains("lost"));
    }
}
