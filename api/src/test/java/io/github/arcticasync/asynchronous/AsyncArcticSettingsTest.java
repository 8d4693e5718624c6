package io.github.arcticasync.asynchronous;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AsyncArcticSettingsTest {
    @Test
    void aSystemPropertyWinsOverTheEnvironment() {
        Map<String, String> props = Map.of("ARCTIC_ASYNC_POOL_SIZE", "7", "ARCTIC_ASYNC_NAMESPACE", "prod");
        Map<String, String> env = Map.of("ARCTIC_ASYNC_POOL_SIZE", "3", "ARCTIC_ASYNC_MONGO_URL", "mongodb://h:1");
        AsyncArcticSettings s = AsyncArcticSettings.from(props::get, env::get);
        assertThat(s.poolSize()).isEqualTo(7);
        assertThat(s.namespace()).isEqualTo("prod");
        assertThat(s.mongoUrl()).isEqualTo("mongodb://h:1");
        assertThat(s.redisUrl()).isNull();
    }

    @Test
    void thePoolSizeDefaultsToFourAndMustBePositive() {
        assertThat(AsyncArcticSettings.from(n -> null, n -> null).poolSize()).isEqualTo(4);
        assertThatThrownBy(() -> AsyncArcticSettings.from(Map.of("ARCTIC_ASYNC_POOL_SIZE", "0")::get, n -> null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ARCTIC_ASYNC_POOL_SIZE");
        assertThatThrownBy(() -> AsyncArcticSettings.from(Map.of("ARCTIC_ASYNC_POOL_SIZE", "four")::get, n -> null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'four'");
    }

    @Test
    void passwordsAreMaskedInItsDescription() {
        AsyncArcticSettings s = new AsyncArcticSettings("redis://u:pw@h:6379", "mongodb://a:b@h", null, 2);
        assertThat(s.toString()).doesNotContain("pw").doesNotContain(":b@").contains("u:****@");
    }

    @Test
    void passwordsInEveryFormAreMaskedInItsDescription() {
        // A bare password (redis-cli's AUTH form), a '/' in a password, a password option: AsyncArctic logs this.
        AsyncArcticSettings s = new AsyncArcticSettings("redis://topsecret@h:6379",
                "mongodb://app:top/secret@h/?tls=true&tlsCertificateKeyFilePassword=keysecret", null, 2);
        assertThat(s.toString()).doesNotContain("secret").contains("redis://****@h:6379")
                .contains("mongodb://app:****@h/?tls=true&tlsCertificateKeyFilePassword=****");
    }
}
