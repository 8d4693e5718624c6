package io.github.arcticasync.cli;

import io.github.arcticasync.internal.transport.SafeUrls;
import java.nio.file.Path;

/**
 * What one run of the demo works against and how big it is; checked on creation.
 *
 * @param dataDir the embedded MongoDB's data folder, or {@code null} when {@code mongoUrl} is given
 * @param mongoUrl a real MongoDB to use instead of the embedded one, or {@code null}
 * @param library the Arctic library the demo writes to
 * @param poolSize the pool size to run with, or {@code null} for the pool's default
 * @param rows rows per written symbol
 * @param progressBars draw redrawn bars (a terminal) rather than plain progress lines
 * @param redisUrl a Redis cluster to submit to instead of the in-JVM pool, or {@code null}; its workers run the
 *                 requests on their own MongoDB, which must be {@code mongoUrl} (the demo creates its library there)
 * @param namespace the cluster namespace with {@code redisUrl}, else {@code null}
 */
record DemoSettings(Path dataDir, String mongoUrl, String library, Integer poolSize, int rows, boolean progressBars,
                    String redisUrl, String namespace) {

    /** Fewest rows per symbol: a date-range read of the last day needs more than a day of minutes. */
    static final int MIN_ROWS = 2_000;
    /** Most rows per symbol: the demo should stay a demo (seconds, not minutes). */
    static final int MAX_ROWS = 1_000_000;

    DemoSettings {
        if ((dataDir == null) == (mongoUrl == null)) {
            throw new IllegalArgumentException("exactly one of dataDir and mongoUrl must be given");
        }
        if (redisUrl != null && mongoUrl == null) {
            throw new IllegalArgumentException("a Redis cluster needs the MongoDB its workers use (mongoUrl)");
        }
        if (redisUrl != null && poolSize != null) {
            throw new IllegalArgumentException("the pool size applies to the in-JVM pool; a cluster's pool is resized"
                    + " with 'arctic-async pool resize N'");
        }
        if ((redisUrl == null) != (namespace == null)) {
            throw new IllegalArgumentException("a namespace goes with a Redis URL, and only with one");
        }
        if (library == null || library.isBlank()) {
            throw new IllegalArgumentException("library must not be blank");
        }
        if (poolSize != null && poolSize < 1) {
            throw new IllegalArgumentException("pool size must be at least 1, was " + poolSize);
        }
        if (rows < MIN_ROWS || rows > MAX_ROWS) {
            throw new IllegalArgumentException("rows must be between " + MIN_ROWS + " and " + MAX_ROWS + ", was " + rows);
        }
    }

    /** Whether the demo submits to a Redis cluster rather than an in-JVM pool. */
    boolean cluster() {
        return redisUrl != null;
    }

    /** The URLs without their passwords: a record's own toString would print them whole. */
    @Override
    public String toString() {
        return "DemoSettings[dataDir=" + dataDir + ", mongoUrl=" + SafeUrls.mask(mongoUrl) + ", library=" + library
                + ", poolSize=" + poolSize + ", rows=" + rows + ", progressBars=" + progressBars + ", redisUrl="
                + SafeUrls.mask(redisUrl) + ", namespace=" + namespace + "]";
    }
}
