package io.github.arcticasync.internal.transport;

import io.github.arcticasync.asynchronous.AsyncArcticException;
import java.time.Duration;
import java.util.concurrent.locks.Condition;

/**
 * The moment (on {@link System#nanoTime()}) by which a wait must end, or none: the one timeout rule of the
 * transports' pool-level waits (awaitTermination, resize).
 */
public final class Deadline {
    private static final Deadline NONE = new Deadline(Long.MAX_VALUE);

    private final long at;

    private Deadline(long at) {
        this.at = at;
    }

    /**
     * A deadline {@code timeout} from now; {@code null} means no limit.
     *
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public static Deadline after(Duration timeout) {
        if (timeout == null) {
            return NONE;
        }
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must not be negative, was " + timeout);
        }
        // Capped so that adding it to nanoTime cannot overflow.
        return new Deadline(System.nanoTime() + Math.min(timeout.toNanos(), Long.MAX_VALUE / 4));
    }

    /** Nanoseconds left (negative once passed); Long.MAX_VALUE without a limit. */
    public long remainingNanos() {
        return at == Long.MAX_VALUE ? Long.MAX_VALUE : at - System.nanoTime();
    }

    /**
     * Waits on {@code condition} (whose lock the caller holds) until signalled or this deadline passes.
     *
     * @return false if the deadline has passed
     * @throws AsyncArcticException if interrupted while waiting for {@code what}
     */
    public boolean await(Condition condition, String what) {
        try {
            if (at == Long.MAX_VALUE) {
                condition.await();
                return true;
            }
            long left = remainingNanos();
            return left > 0 && (condition.awaitNanos(left) > 0 || remainingNanos() > 0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AsyncArcticException("Interrupted while waiting for " + what, e);
        }
    }
}
