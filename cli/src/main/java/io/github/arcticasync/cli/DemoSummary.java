package io.github.arcticasync.cli;

import java.time.Duration;

/**
 * What a demo run did, as its closing summary line states it.
 *
 * @param requestsSubmitted {@code totalRequests()} of the demo's AsyncArctic at the end
 * @param errors requests that completed with an exception
 * @param expectedErrors of those, the ones the demo provoked on purpose (the missing symbol)
 * @param asyncElapsed from the first submit to the last result
 * @param elapsed the whole run, server start included
 */
record DemoSummary(long requestsSubmitted, long errors, long expectedErrors, Duration asyncElapsed, Duration elapsed) {

    /** Requests per second over the asynchronous part of the run. */
    double rate() {
        double seconds = asyncElapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : requestsSubmitted / seconds;
    }

    /** The closing line, e.g. {@code Summary: 118 requests submitted, 1 errors (1 expected), 950 requests/s, 4.1 s}. */
    String line() {
        return String.format(java.util.Locale.ROOT,
                "Summary: %d requests submitted (totalRequests), %d errors (%d expected), %.0f requests/s overall,"
                        + " %.1f s elapsed",
                requestsSubmitted, errors, expectedErrors, rate(), elapsed.toMillis() / 1000.0);
    }
}
