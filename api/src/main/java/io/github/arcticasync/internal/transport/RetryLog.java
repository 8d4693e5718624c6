package io.github.arcticasync.internal.transport;

import org.slf4j.Logger;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Logs the failures of one retry loop without flooding the log while Redis or MongoDB is away: the first failure of a
 * run at WARN, then one WARN per {@link #SUMMARY_EVERY} saying how long it has lasted, each failure at DEBUG, and the
 * recovery at WARN too, so that a reader who sees the start at the CLI's default level also sees the end. A loop retrying every second through a ten-minute outage used to write 600 WARN lines; an operator
 * needs when it began, that it goes on, and when it ended. One instance per loop thread (not thread-safe).
 */
public final class RetryLog {
    /** How often a failure run that goes on is reported again at WARN. */
    public static final Duration SUMMARY_EVERY = Duration.ofSeconds(30);

    private final Logger log;
    private final String what;
    private final boolean stackTraceFirst;
    private final LongSupplier nanoTime;
    private int failures;
    private long firstNanos;
    private long lastWarnNanos;

    /**
     * @param log             the loop's logger
     * @param what            what the loop does, as the start of a sentence: {@code "w1 - posting results"}
     * @param stackTraceFirst whether the first failure of a run is logged with its stack trace (for loops where any
     *                        failure may be a bug rather than an outage)
     */
    public RetryLog(Logger log, String what, boolean stackTraceFirst) {
        this(log, what, stackTraceFirst, System::nanoTime);
    }

    RetryLog(Logger log, String what, boolean stackTraceFirst, LongSupplier nanoTime) {
        this.log = Objects.requireNonNull(log, "log");
        this.what = Objects.requireNonNull(what, "what");
        this.stackTraceFirst = stackTraceFirst;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** One failed attempt; {@code next} says what happens now, e.g. {@code "retrying in 200 ms"}. */
    public void failed(Throwable error, String next) {
        long now = nanoTime.getAsLong();
        failures++;
        if (failures == 1) {
            firstNanos = now;
            lastWarnNanos = now;
            if (stackTraceFirst) {
                log.warn("{} failed, {}", what, next, error);
            } else {
                log.warn("{} failed, {}: {}", what, next, error.toString());
            }
        } else if (now - lastWarnNanos >= SUMMARY_EVERY.toNanos()) {
            lastWarnNanos = now;
            log.warn("{} still failing: {} attempts in {}, {}: {}", what, failures, since(now), next,
                    error.toString());
        } else if (log.isDebugEnabled()) {
            log.debug("{} failed again (attempt {}), {}", what, failures, next, error);
        }
    }

    /** An attempt that worked: ends a failure run, if one was going on, with one line. */
    public void succeeded() {
        if (failures > 0) {
            log.warn("{} works again after {} failed attempts in {}", what, failures, since(nanoTime.getAsLong()));
            failures = 0;
        }
    }

    /** Failed attempts in the current run (0 when the last attempt worked). */
    public int failures() {
        return failures;
    }

    private Duration since(long now) {
        return Duration.ofMillis((now - firstNanos) / 1_000_000);
    }
}
