package io.github.arcticasync.internal.transport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CountsTest {
    @Test
    void aCountOfAtLeastOnePassesThrough() {
        assertThat(Counts.requirePositive(1, "pool size")).isEqualTo(1);
        assertThat(Counts.requirePositive(4096, "pool size")).isEqualTo(4096);
    }

    @Test
    void zeroOrLessIsRefusedNamingTheSettingAndTheValue() {
        assertThatThrownBy(() -> Counts.requirePositive(0, "maxConnections"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxConnections must be >= 1, was 0");
        assertThatThrownBy(() -> Counts.requirePositive(-3, "pool size"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("pool size must be >= 1, was -3");
    }
}
