package io.github.arcticasync.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenchMainTest {

    @Test
    void badUsageExitsWithTwoBeforeStartingAnything() throws Exception {
        assertThat(BenchMain.run(new String[0])).isEqualTo(2);
        assertThat(BenchMain.run(new String[] {"nope"})).isEqualTo(2);
        assertThat(BenchMain.run(new String[] {"store", "--rows"})).isEqualTo(2);
        assertThat(BenchMain.run(new String[] {"store", "--colour", "red"})).isEqualTo(2);
        assertThat(BenchMain.run(new String[] {"store", "--rows", "many"})).isEqualTo(2);
        assertThat(BenchMain.run(new String[] {"async", "--pool", "0"})).isEqualTo(2);
    }
}
