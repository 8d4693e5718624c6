package io.github.arcticasync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The progress indicator: a redrawn bar on a terminal, a line per quarter elsewhere. */
class ProgressTest {

    @Test
    void plainModePrintsOneLinePerQuarter() {
        StringWriter text = new StringWriter();
        Progress progress = new Progress(new PrintWriter(text), "has_symbol", 100, false);

        for (int i = 0; i < 100; i++) {
            progress.advance();
        }
        progress.finish(100);

        assertThat(text.toString().lines()).containsExactly("    has_symbol: 25/100", "    has_symbol: 50/100",
                "    has_symbol: 75/100", "    has_symbol: 100/100");
        assertThat(text.toString()).doesNotContain("\r");
    }

    @Test
    void barModeRedrawsOneLineAndEndsIt() {
        StringWriter text = new StringWriter();
        Progress progress = new Progress(new PrintWriter(text), "write", 3, true);

        progress.advance();
        progress.advance();
        progress.advance();
        progress.finish(3);

        String output = text.toString();
        assertThat(output).contains("\r    write [" + "#".repeat(30) + "] 3/3").endsWith("\n");
        // Every redraw returns the cursor with \r; only finish() moves to a new line.
        assertThat(output.chars().filter(c -> c == '\n').count()).isEqualTo(1);
        assertThat(output.chars().filter(c -> c == '\r').count()).isEqualTo(4);
    }

    @Test
    void advancesBeyondTheTotalOrAfterFinishAreIgnored() {
        StringWriter text = new StringWriter();
        Progress progress = new Progress(new PrintWriter(text), "x", 2, false);

        progress.advance();
        progress.advance();
        progress.advance();
        progress.finish(2);
        progress.advance();

        assertThat(progress.done()).isEqualTo(2);
    }

    @Test
    void finishShowsTheFinalCountWhenTheLastCallbackIsLate() {
        StringWriter text = new StringWriter();
        Progress progress = new Progress(new PrintWriter(text), "has_symbol", 4, false);
        progress.advance();
        progress.advance();
        progress.advance();

        progress.finish(4);
        progress.advance();

        assertThat(text.toString().lines()).containsExactly("    has_symbol: 1/4", "    has_symbol: 2/4",
                "    has_symbol: 3/4", "    has_symbol: 4/4");
        assertThat(progress.done()).isEqualTo(4);
    }

    @Test
    void finishRejectsMoreThanTheTotal() {
        Progress progress = new Progress(new PrintWriter(new StringWriter()), "x", 2, false);

        assertThatThrownBy(() -> progress.finish(3)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 0 and 2");
    }

    @Test
    void totalMustBePositive() {
        assertThatThrownBy(() -> new Progress(new PrintWriter(new StringWriter()), "x", 0, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }
}
