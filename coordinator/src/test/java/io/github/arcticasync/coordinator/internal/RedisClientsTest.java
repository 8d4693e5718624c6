package io.github.arcticasync.coordinator.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** URLs refused before any connection is tried. */
class RedisClientsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "redis://app:top secret@h:1 | malformed redis URL redis://app:****@h:1",
            // java.net.URI reads app:1234 as host and port, and "/secret@h:1" as the path.
            "redis://app:1234/secret@h:1 | database must be a number, in redis://app:****@h:1",
    })
    void aRefusedUrlShowsNoPartOfThePasswordInTheMessageOrItsCauses(String url, String problem) {
        assertThatThrownBy(() -> RedisClients.create(url, Duration.ofSeconds(3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(problem)
                .satisfies(e -> {
                    for (Throwable t = e; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain("secret");
                    }
                });
    }
}
