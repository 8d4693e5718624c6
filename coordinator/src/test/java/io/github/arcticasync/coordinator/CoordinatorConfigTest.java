package io.github.arcticasync.coordinator;

import io.github.arcticasync.testkit.ThrowableText;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CoordinatorConfigTest {

    @Test
    void defaultsAndDerivedLease() {
        CoordinatorConfig config = CoordinatorConfig.builder().redisUrl("redis://localhost:6379").build();
        assertThat(config.namespace()).isEqualTo(CoordinatorConfig.DEFAULT_NAMESPACE);
        assertThat(config.heartbeatInterval()).isEqualTo(CoordinatorConfig.DEFAULT_HEARTBEAT_INTERVAL);
        assertThat(config.leaseTime()).isEqualTo(CoordinatorConfig.DEFAULT_HEARTBEAT_INTERVAL.multipliedBy(3));
        assertThat(config.coordinatorId()).startsWith("coordinator-");
    }

    @Test
    void passwordIsMaskedInToString() {
        CoordinatorConfig config = CoordinatorConfig.builder().redisUrl("rediss://alice:s3cret@redis.example:6380/2")
                .build();
        assertThat(config.toString()).doesNotContain("s3cret").contains("alice:****@redis.example:6380/2");
        assertThat(CoordinatorConfig.builder().redisUrl("redis://:pw@h:1").build().toString()).doesNotContain("pw@");
    }

    @Test
    void aMalformedUrlDoesNotCarryThePasswordInItsCause() {
        assertThatThrownBy(() -> CoordinatorConfig.builder().redisUrl("redis://app:top secret@h:1").build())
                .hasMessageContaining("malformed redis URL").hasMessageContaining("app:****@h:1")
                .satisfies(e -> assertThat(ThrowableText.ofChain(e)).doesNotContain("secret"));
    }

    @Test
    void badValuesNameTheField() {
        assertThatThrownBy(() -> CoordinatorConfig.builder().build()).hasMessageContaining("redisUrl");
        assertThatThrownBy(() -> CoordinatorConfig.builder().redisUrl("http://h:1").build())
                .hasMessageContaining("redis://");
        assertThatThrownBy(() -> CoordinatorConfig.builder().redisUrl("redis://h:1").namespace("").build())
                .hasMessageContaining("namespace");
        assertThatThrownBy(() -> CoordinatorConfig.builder().redisUrl("redis://h:1").initialPoolSize(0).build())
                .hasMessageContaining("pool size");
        assertThatThrownBy(() -> CoordinatorConfig.builder().redisUrl("redis://h:1")
                .heartbeatInterval(Duration.ofMillis(1)).build()).hasMessageContaining("heartbeatInterval");
    }
}
