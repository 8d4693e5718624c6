package io.github.arcticasync.internal.transport;

import org.slf4j.Logger;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Logs the failures of one retry loop without flooding the log while Redis or MongoDB is away. A loop retrying every
 * second through a ten-minute outage used to write 600 WARN lines; an operator needs when it began, that it goes on,
 * what it is, and when it ended:
 * <ul>
 *   <li>the first failure of a run at WARN, and any later one that differs from the one before (another exception
 *       class or message: a lost connection that turns into a refused password, or an outage into a bug);</li>
 *   <li>one WARN per {@link #SUMMARY_EVERY} while the same failure goes on, with the attempts and time so far;</li>
 *   <li>every other failed attempt at DEBUG;</li>
 *   <li>the recovery at WARN too, so that whoever sees the start at the CLI's default level also sees the end.</li>
 * </ul>
 * One instance per loop thread (not thread-safe).
 */
public final class RetryLog {
    /** How often a failure run that goes on is reported again at WARN. */
    public static final Duration SUMMARY_EVERY = Duration.ofSeconds(30);

    private final Logger log;
    private final String what;
    private final boolean stackTraces;
    private final LongSupplier nanoTime;
    private int failures;
    private long firstNanos;
    private long lastWarnNanos;
    private String lastError;

    /**
     * @param log         the loop's logger
     * @param what        what the loop does, as the start of a sentence: {@code "w1 - posting results"}
     * @param stackTraces whether a failure logged at WARN carries its stack trace (for loops where a failure may be a
     *                    bug rather than an outage)
     */
    public RetryLog(Logger log, String what, boolean stackTraces) {
        this(log, what, stackTraces, System::nanoTime);
    }

    RetryLog(Logger log, String what, boolean stackTraces, LongSupplier nanoTime) {
        this.log = Objects.requireNonNull(log, "log");
        this.what = Objects.requireNonNull(what, "what");
        this.stackTraces = stackTraces;
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /** One failed attempt; {@code next} says what happens now, e.g. {@code "retrying in 200 ms"}. */
    public void failed(Throwable error, String next) {
        long now = nanoTime.getAsLong();
        String text = error.toString();
        failures++;
        if (failures == 1) {
            firstNanos = now;
            warn(now, text, error, "{} failed, {}: {}", what, next, text);
        } else if (!text.equals(lastError)) {
            warn(now, text, error, "{} failed differently (attempt {} in {}), {}: {}", what, failures, since(now),
                    next, text);
        } else if (now - lastWarnNanos >= SUMMARY_EVERY.toNanos()) {
            warn(now, text, null, "{} still failing: {} attempts in {}, {}: {}", what, failures, since(now), next,
                    text);
        } else if (log.isDebugEnabled()) {
            log.debug("{} failed again (attempt {}), {}", what, failures, next, error);
        }
    }

    /** An attempt that worked: ends a failure run, if one was going on, with one line. */
    public void succeeded() {
        if (failures > 0) {
            log.warn("{} works again after {} failed attempts in {}", what, failures, since(nanoTime.getAsLong()));
            failures = 0;
            lastError = null;
        }
    }

    /** Failed attempts in the current run (0 when the last attempt worked). */
    public int failures() {
        return failures;
    }

    /** Logs at WARN, with {@code error}'s stack trace when this loop wants them and {@code error} is given. */
    private void warn(long now, String text, Throwable error, String format, Object... args) {
        lastWarnNanos = now;
        lastError = text;
        if (stackTraces && error != null) {
            Object[] withError = Arrays.copyOf(args, args.length + 1);
            withError[args.length] = error;
            log.warn(format, withError);
        } else {
            log.warn(format, args);
        }
    }

    private Duration since(long now) {
        return Duration.ofMillis((now - firstNanos) / 1_000_000);
    }
}
