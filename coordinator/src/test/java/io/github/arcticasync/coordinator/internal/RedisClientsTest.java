package io.github.arcticasync.coordinator.internal;

import io.github.arcticasync.testkit.ThrowableText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How a URL becomes Redisson's configuration, and URLs refused before any connection is tried. */
class RedisClientsTest {

    @Test
    void userPasswordTlsAndDatabaseReachRedisson() throws IOException {
        String yaml = RedisClients.config("rediss://app:p+w%40rd@h.example:6380/3", Duration.ofSeconds(3)).toYAML();

        assertThat(yaml).contains("address: \"rediss://h.example:6380\"").contains("username: \"app\"")
                .contains("password: \"p+w@rd\"").contains("database: 3").contains("lockWatchdogTimeout: 3000");
    }

    @Test
    void aPasswordAloneAndTheDefaultPortAndDatabase() throws IOException {
        String yaml = RedisClients.config("redis://:pw@h", Duration.ofSeconds(3)).toYAML();

        assertThat(yaml).contains("address: \"redis://h:6379\"").contains("password: \"pw\"")
                .contains("database: 0").doesNotContain("username: \"");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "redis://app:top secret@h:1 | malformed redis URL redis://app:****@h:1",
            // java.net.URI reads app:1234 as host and port, and "/secret@h:1" as the path.
            "redis://app:1234/secret@h:1 | database must be a number, in redis://app:****@h:1",
    })
    void aRefusedUrlShowsNoPartOfThePasswordInTheMessageOrItsCauses(String url, String problem) {
        assertThatThrownBy(() -> RedisClients.create(url, Duration.ofSeconds(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(problem)
                .satisfies(e -> assertThat(ThrowableText.ofChain(e)).doesNotContain("secret"));
    }
}
