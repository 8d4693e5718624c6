package io.github.arcticasync.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class SamplesTest {

    @Test
    void percentilesUseNearestRankOnSortedSamples() {
        // 1..100 shuffled: the nearest-rank p-th percentile of 1..100 is p itself.
        long[] values = LongStream.rangeClosed(1, 100).map(v -> (v * 37) % 101).toArray();
        Samples s = new Samples(values);

        assertThat(s.median()).isEqualTo(50);
        assertThat(s.p90()).isEqualTo(90);
        assertThat(s.p99()).isEqualTo(99);
        assertThat(s.percentile(100)).isEqualTo(100);
        assertThat(s.min()).isEqualTo(1);
        assertThat(s.count()).isEqualTo(100);
    }

    @Test
    void medianOfFewSamplesIsAMeasuredValue() {
        Samples s = new Samples(new long[] {30, 10, 20, 40});

        assertThat(s.median()).isEqualTo(20);
        assertThat(s.p90()).isEqualTo(40);
    }

    @Test
    void rejectsEmptySamplesAndBadPercentiles() {
        assertThatThrownBy(() -> new Samples(new long[0])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> new Samples(new long[] {1}).percentile(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("percentile");
    }
}
