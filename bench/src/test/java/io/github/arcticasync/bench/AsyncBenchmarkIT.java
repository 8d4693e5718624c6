package io.github.arcticasync.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs the async harness on a tiny size, to prove both sides run and are measured; figures mean nothing here. */
class AsyncBenchmarkIT {

    @Test
    void tinyRunMeasuresPoolAndBareExecutor() throws Exception {
        AsyncBenchmark.Config config = new AsyncBenchmark.Config(2, 5, 0, 20, 200, 2);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        AsyncBenchmark.Result r = new AsyncBenchmark(config, log).run();
        AsyncBenchmark.print(r, log);

        assertThat(r.steps().get("pool.latency").count()).isEqualTo(40);
        assertThat(r.steps().get("bare.latency").count()).isEqualTo(40);
        assertThat(r.steps().get("pool.throughput").count()).isEqualTo(2);
        assertThat(r.steps().get("bare.throughput").count()).isEqualTo(2);
        assertThat(r.throughput("pool.throughput")).isPositive();
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("latency ratio pool/bare");
    }
}
