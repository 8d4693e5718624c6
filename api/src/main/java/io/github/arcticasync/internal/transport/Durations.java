package io.github.arcticasync.internal.transport;

import java.time.Duration;
import java.util.Objects;

/** The one check for settings that must be a positive duration (result TTLs, drain timeouts). */
public final class Durations {
    private Durations() {
    }

    /**
     * Returns {@code d}.
     *
     * @throws NullPointerException     if {@code d} is null (the message is {@code name})
     * @throws IllegalArgumentException if {@code d} is zero or negative, naming the setting and the value
     */
    public static Duration requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + d);
        }
        return d;
    }
}
