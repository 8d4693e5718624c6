package io.github.arcticasync.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs the store harness end to end on a tiny size, to prove it works; the figures themselves mean nothing here. */
class StoreBenchmarkIT {

    @Test
    void tinyRunMeasuresEveryStepAndCountsRangeSegments() throws Exception {
        // 150k rows of 40 bytes span 3 segments (52,378 rows each); the range part uses 400k rows = 8 segments.
        StoreBenchmark.Config config = new StoreBenchmark.Config(150_000, 0, 2, 400_000, 0.01, 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        StoreBenchmark.Result r = new StoreBenchmark(config, log).run();
        StoreBenchmark.printRange(r, log);

        assertThat(r.segments()).isEqualTo(3);
        assertThat(r.steps()).containsKeys("store.write", "store.read", "raw.write", "raw.read", "raw.insertMany",
                "cpu.records", "cpu.lz4", "cpu.sha1", "cpu.decode");
        assertThat(r.steps().values()).allSatisfy(s -> assertThat(s.count()).isEqualTo(2));
        assertThat(r.range().totalSegments()).isEqualTo(8);
        // The counter sees every segment of a full read, and a 1% range (4,000 rows) sits in one or two segments.
        assertThat(r.range().counterCheckDocuments()).isEqualTo(8);
        assertThat(r.range().fullRead()).startsWith("400,000 rows from 8 segment documents");
        assertThat(r.range().rangeSegmentsFetched()).isBetween(1L, 2L);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("write ratio store/raw upsert bulk")
                .contains("fetched");
    }
}
