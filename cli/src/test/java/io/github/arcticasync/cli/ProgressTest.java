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
        progress.finish();

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
        progress.finish();

        String output = text.toString();
        assertThat(output).contains("\r    write [" + "#".repeat(30) + "] 3/3").endsWith("\n");
        assertThat(output.lines().count()).isEqualTo(1);
    }

    @Test
    void advancesBeyondTheTotalOrAfterFinishAreIgnored() {
        StringWriter text = new StringWriter();
        Progress progress = new Progress(new PrintWriter(text), "x", 2, false);

        progress.advance();
        progress.advance();
        progress.advance();
        progress.finish();
        progress.advance();

        assertThat(progress.done()).isEqualTo(2);
    }

    @Test
    void totalMustBePositive() {
        assertThatThrownBy(() -> new Progress(new PrintWriter(new StringWriter()), "x", 0, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
    }
}
