package io.github.arcticasync.worker;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkerMainTest {
    private static final Map<String, String> REQUIRED = Map.of(
            "ARCTIC_ASYNC_REDIS_URL", "redis://127.0.0.1:1",
            "ARCTIC_ASYNC_MONGO_URL", "mongodb://127.0.0.1:1");

    @Test
    void readsTheOptionalSettings() {
        Map<String, String> env = new HashMap<>(REQUIRED);
        env.put("ARCTIC_ASYNC_WORKER_THREADS", "3");
        env.put("ARCTIC_ASYNC_RESULT_TTL_S", "30");
        WorkerConfig config = WorkerMain.fromEnvironment(env::get);
        assertThat(config.maxThreads()).isEqualTo(3);
        assertThat(config.resultTtl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(WorkerMain.fromEnvironment(REQUIRED::get).resultTtl()).isEqualTo(WorkerConfig.DEFAULT_RESULT_TTL);
    }

    @Test
    void aBadResultTtlIsRefusedByName() {
        Map<String, String> env = new HashMap<>(REQUIRED);
        env.put("ARCTIC_ASYNC_RESULT_TTL_S", "an hour");
        assertThatThrownBy(() -> WorkerMain.fromEnvironment(env::get)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ARCTIC_ASYNC_RESULT_TTL_S");
        env.put("ARCTIC_ASYNC_RESULT_TTL_S", "0");
        assertThatThrownBy(() -> WorkerMain.fromEnvironment(env::get)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("resultTtl");
    }
}
