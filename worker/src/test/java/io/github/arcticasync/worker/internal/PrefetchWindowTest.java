package io.github.arcticasync.worker.internal;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrefetchWindowTest {
    private static final long MICRO = 1_000;
    private static final long MILLI = 1_000_000;

    @Test
    void startsAtTheMinimumBeforeAnythingRan() {
        PrefetchWindow window = new PrefetchWindow();
        assertThat(window.beyond(4)).isEqualTo(PrefetchWindow.MIN);
        assertThat(window.averageRunTime()).isEqualTo(Duration.ZERO);
    }

    @Test
    void quickOperationsOpenTheWindowUpToTheMaximum() {
        PrefetchWindow window = new PrefetchWindow();
        window.ran(100 * MICRO);
        // 4 threads x 2 ms / 100 us
        assertThat(window.beyond(4)).isEqualTo(80);
        window.ran(30 * MICRO);
        assertThat(window.beyond(4)).isBetween(81, PrefetchWindow.MAX);
        for (int i = 0; i < 200; i++) {
            window.ran(5 * MICRO);
        }
        assertThat(window.beyond(4)).isEqualTo(PrefetchWindow.MAX);
    }

    @Test
    void slowOperationsKeepTheMinimum() {
        PrefetchWindow window = new PrefetchWindow();
        for (int i = 0; i < 50; i++) {
            window.ran(10 * MILLI);
        }
        assertThat(window.beyond(32)).isEqualTo(PrefetchWindow.MIN);
        assertThat(window.averageRunTime()).isEqualTo(Duration.ofMillis(10));
    }

    @Test
    void aBurstOfSlowOperationsShrinksAnOpenWindowWithinAFewDozenRuns() {
        PrefetchWindow window = new PrefetchWindow();
        for (int i = 0; i < 100; i++) {
            window.ran(10 * MICRO);
        }
        assertThat(window.beyond(8)).isEqualTo(PrefetchWindow.MAX);
        int runs = 0;
        while (window.beyond(8) > PrefetchWindow.MIN) {
            window.ran(10 * MILLI);
            runs++;
        }
        assertThat(runs).isBetween(1, 40);
    }

    @Test
    void moreThreadsHoldMore() {
        PrefetchWindow window = new PrefetchWindow();
        window.ran(MILLI);
        assertThat(window.beyond(8)).isEqualTo(PrefetchWindow.MIN);
        assertThat(window.beyond(64)).isEqualTo(128);
        assertThat(window.beyond(0)).isEqualTo(PrefetchWindow.MIN);
    }

    @Test
    void aZeroRunTimeCountsAsTheShortestAndDoesNotDivideByZero() {
        PrefetchWindow window = new PrefetchWindow();
        window.ran(0);
        assertThat(window.beyond(4)).isEqualTo(PrefetchWindow.MAX);
    }

    @Test
    void rejectsNegativeInput() {
        PrefetchWindow window = new PrefetchWindow();
        assertThatThrownBy(() -> window.ran(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("run time");
        assertThatThrownBy(() -> window.beyond(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threads");
    }
}
