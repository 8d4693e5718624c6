package io.github.arcticasync.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Runs the cluster harness on a tiny size — real redis-server, one worker JVM, one Redisson worker JVM — to prove
 * every side runs, is checked and is measured; the figures mean nothing here.
 */
class ClusterBenchmarkIT {

    @Test
    void tinyRunMeasuresBothSidesOnTheSameRedis() throws Exception {
        ClusterBenchmark.Config config = new ClusterBenchmark.Config(1, 2, 5, 0, 1, 20, 100, 4, 2, 10, List.of(1, 2),
                1, 2, 500, true, 30);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        ClusterBenchmark.Result r = new ClusterBenchmark(config, log).run();
        ClusterBenchmark.print(r, log);

        for (String side : List.of("ours", "redisson")) {
            assertThat(r.steps().count(side + ".has_symbol.latency")).isEqualTo(20);
            assertThat(r.steps().count(side + ".noop.latency")).isEqualTo(20);
            assertThat(r.steps().count(side + ".noop.throughput")).isEqualTo(1);
        }
        assertThat(r.steps().count("floor.noop.latency")).isEqualTo(20);
        for (String step : List.of("ours.has_symbol.latency", "ours.noop.latency")) {
            for (String phase : List.of(".to-start", ".run", ".to-caller")) {
                assertThat(r.steps().count(step + phase)).as(step + phase).isEqualTo(20);
                assertThat(r.steps().percentile(step + phase, 1)).as(step + phase).isNotNegative();
            }
            // The parts of the median sample cannot exceed the slowest whole sample (one clock, microseconds).
            assertThat(r.steps().percentile(step + ".to-start", 50) + r.steps().percentile(step + ".to-caller", 50))
                    .isLessThanOrEqualTo(r.steps().percentile(step, 100) + 2_000);
        }
        assertThat(r.steps().count("store.has_symbol.throughput")).isEqualTo(1);
        assertThat(r.steps().count("ours.read256k.throughput")).isEqualTo(1);
        assertThat(r.steps().count("ours.sleep.pool2")).isEqualTo(1);
        assertThat(r.perSecond("ours.noop.throughput", 100)).isPositive();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("ours/redisson p50").contains("ours/floor p50")
                .contains("ours/store").contains("of which submit -> start")
                .contains("efficiency");
    }

    @Test
    void optionsAreParsedAndCheckedByName() {
        ClusterBenchmark.Config c = ClusterBenchMain.config(List.of("--workers", "1", "--scaling-pools", "1,4"));
        assertThat(c.workers()).isEqualTo(1);
        assertThat(c.scalingPools()).containsExactly(1, 4);
        assertThat(ClusterBenchMain.config(List.of("--scaling-pools", "none")).scalingPools()).isEmpty();
        assertThatThrownBy(() -> ClusterBenchMain.config(List.of("--wrokers", "1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--wrokers");
        assertThatThrownBy(() -> ClusterBenchMain.config(List.of("--pool", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pool");
        assertThat(c.resultTtlSeconds()).isEqualTo(30);
        assertThat(ClusterBenchMain.config(List.of("--result-ttl-s", "3600")).resultTtlSeconds()).isEqualTo(3600);
        assertThatThrownBy(() -> ClusterBenchMain.config(List.of("--result-ttl-s", "0")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("result-ttl-s");
    }
}
