package io.github.arcticasync.internal.execution;

import com.mongodb.MongoException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;

import java.time.Duration;
import java.util.Objects;

/**
 * How a request that opted in ({@code mongo_retry}) retries transient MongoDB errors: at most {@code maxRetries}
 * retries, sleeping {@code initialBackoff × multiplier^(n−1)} before retry n, capped at {@code maxBackoff}. The budget
 * belongs to one request (Arctic's counter is process-global, arctic-format.md §5.6 bug 11).
 *
 * @param maxRetries     retries after the first attempt, ≥ 0
 * @param initialBackoff the sleep before the first retry
 * @param multiplier     growth of the sleep per retry, ≥ 1
 * @param maxBackoff     the longest sleep
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, double multiplier, Duration maxBackoff) {
    /** Arctic's {@code mongo_retry}: 15 retries, sleeping 0.03 s, 0.09 s, 0.27 s, then 0.5 s each. */
    public static final RetryPolicy ARCTIC = new RetryPolicy(15, Duration.ofMillis(30), 3.0, Duration.ofMillis(500));

    public RetryPolicy {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must not be negative, was " + maxRetries);
        }
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
            throw new IllegalArgumentException("backoff must not be negative, was " + initialBackoff + "/"
                    + maxBackoff);
        }
        if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
            throw new IllegalArgumentException("multiplier must be a finite number >= 1, was " + multiplier);
        }
    }

    /** The sleep before retry {@code retry} (1 = the first retry). */
    public Duration backoff(int retry) {
        if (retry < 1) {
            throw new IllegalArgumentException("retry must be >= 1, was " + retry);
        }
        double nanos = initialBackoff.toNanos() * Math.pow(multiplier, retry - 1);
        return nanos >= maxBackoff.toNanos() ? maxBackoff : Duration.ofNanos((long) nanos);
    }

    /**
     * Whether {@code error} (or one of its causes: the store wraps driver errors) is a transient MongoDB error worth
     * retrying: a lost connection, a primary that stepped down or is recovering, or an error the server labels
     * retryable. Decided by type and label, never by message. Duplicate keys and server selection timeouts are not
     * retried, as in Arctic.
     */
    public static boolean isTransient(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof MongoSocketException || t instanceof MongoNotPrimaryException
                    || t instanceof MongoNodeIsRecoveringException) {
                return true;
            }
            if (t instanceof MongoException m && (m.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL)
                    || m.hasErrorLabel("RetryableWriteError"))) {
                return true;
            }
        }
        return false;
    }
}
