package io.github.arcticasync.cli;

import java.io.PrintWriter;

/**
 * A progress indicator for one long step: a redrawn text bar on a terminal, or a few plain lines (at each quarter)
 * where redrawing would only litter a log, i.e. when output is not a terminal or {@code CI=true}.
 *
 * <p>Thread-safe: completion callbacks of requests call {@link #advance()} from pool threads.
 */
final class Progress {

    private static final int BAR_WIDTH = 30;

    private final PrintWriter out;
    private final String label;
    private final int total;
    private final boolean bar;
    private int done;
    private int lastQuarter;
    private boolean finished;

    Progress(PrintWriter out, String label, int total, boolean bar) {
        if (total < 1) {
            throw new IllegalArgumentException("progress total must be at least 1, was " + total);
        }
        this.out = out;
        this.label = label;
        this.total = total;
        this.bar = bar;
        if (bar) {
            draw();
        }
    }

    /** Whether this process should draw bars: stdout is a terminal and {@code CI} is not {@code true}. */
    static boolean terminalWantsBar() {
        return System.console() != null && !"true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** One more unit done. */
    synchronized void advance() {
        if (finished || done >= total) {
            return;
        }
        done++;
        show();
    }

    /**
     * Ends the step with {@code completed} units known done (a waiter can learn of completion before the last
     * completion callback has run), shows the final count, and ends the bar's line; later advances are ignored.
     */
    synchronized void finish(int completed) {
        if (finished) {
            return;
        }
        if (completed < 0 || completed > total) {
            throw new IllegalArgumentException("completed must be between 0 and " + total + ", was " + completed);
        }
        if (completed > done) {
            done = completed;
            show();
        }
        finished = true;
        if (bar) {
            out.println();
            out.flush();
        }
    }

    private void show() {
        if (bar) {
            draw();
            return;
        }
        int quarter = done * 4 / total;
        if (quarter > lastQuarter) {
            lastQuarter = quarter;
            out.printf("    %s: %d/%d%n", label, done, total);
            out.flush();
        }
    }

    synchronized int done() {
        return done;
    }

    private void draw() {
        int filled = done * BAR_WIDTH / total;
        out.print("\r    " + label + " [" + "#".repeat(filled) + " ".repeat(BAR_WIDTH - filled) + "] " + done + "/"
                + total);
        out.flush();
    }
}
