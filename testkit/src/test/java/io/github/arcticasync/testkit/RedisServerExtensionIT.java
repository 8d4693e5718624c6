package io.github.arcticasync.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** One redis-server per class through {@link WithRedis}: both tests see the same process. */
@WithRedis(appendOnly = true, password = "pw")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisServerExtensionIT {

    @Test
    @Order(1)
    void firstTestWrites(RedisServer redis) throws IOException {
        assertThat(redis.config().appendOnly()).isTrue();
        assertThat(redis.command("SET", "shared", "yes")).isEqualTo("OK");
    }

    @Test
    @Order(2)
    void secondTestSeesTheSameServerAfterARestart(RedisServer redis) throws IOException {
        redis.restart();
        assertThat(redis.command("GET", "shared")).isEqualTo("yes");
    }
}
