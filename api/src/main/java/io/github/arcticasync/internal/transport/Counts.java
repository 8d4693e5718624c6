package io.github.arcticasync.internal.transport;

/** The one check for settings that must be a count of at least one (pool sizes, connections, deliveries). */
public final class Counts {
    private Counts() {
    }

    /**
     * Returns {@code n}.
     *
     * @throws IllegalArgumentException if {@code n} is below 1, naming the setting and the value
     */
    public static int requirePositive(int n, String name) {
        if (n < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, was " + n);
        }
        return n;
    }
}
