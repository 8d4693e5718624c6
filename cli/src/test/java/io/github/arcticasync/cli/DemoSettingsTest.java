package io.github.arcticasync.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DemoSettingsTest {

    @Test
    void itsTextShowsTheUrlsWithoutTheirPasswords() {
        DemoSettings s = new DemoSettings(null, "mongodb://app:mongo-secret@h:27017/?authSource=admin", "demo", null,
                DemoSettings.MIN_ROWS, false, "redis://:redis-secret@h:6379", "ns");
        assertThat(s.toString()).doesNotContain("mongo-secret").doesNotContain("redis-secret")
                .contains("mongodb://app:****@h:27017/?authSource=admin").contains("redis://:****@h:6379");
    }
}
