package io.github.arcticasync.store.internal.mongo;

import io.github.arcticasync.store.QuotaExceededException;
import java.util.Locale;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Arctic's best-effort quota (arctic-format.md §1.5): checked before writes and appends, with a countdown that skips
 * checks while plenty of room remains. The countdown lives per library binding, as in Python.
 */
final class QuotaCheck {
    private static final Logger LOG = LoggerFactory.getLogger(QuotaCheck.class);
    private static final double GIB = 1024.0 * 1024.0 * 1024.0;

    private final LibraryCollections c;
    private final LibraryStats stats;
    private int countdown;

    QuotaCheck(LibraryCollections c, LibraryStats stats) {
        this.c = c;
        this.stats = stats;
    }

    synchronized void reset() {
        countdown = 0;
    }

    synchronized void check() {
        if (countdown > 0) {
            countdown--;
            return;
        }
        Document meta = c.metaDocument();
        Object q = meta == null ? null : meta.get("QUOTA");
        long quota = q instanceof Number n ? n.longValue() : 0L;
        if (quota <= 0) {
            return;
        }
        long[] sc = stats.sizeAndCount();
        long size = sc[0];
        long count = sc[1];
        if (size >= quota) {
            throw new QuotaExceededException(String.format(Locale.ROOT, "Mongo Quota Exceeded: %s %.3f / %.0f GB used",
                    c.name().canonicalName(), size / GIB, quota / GIB));
        }
        long avg = count > 1 ? size / count : 100 * 1024;
        if (avg <= 0) {
            avg = 100 * 1024;
        }
        long remaining = quota - size;
        double remainingCount = (double) remaining / avg;
        if (remainingCount < 100 || (double) remaining / quota < 0.1) {
            LOG.warn("Mongo Quota: {} {} / {} GB used", c.name().canonicalName(),
                    String.format(Locale.ROOT, "%.3f", size / GIB), String.format(Locale.ROOT, "%.0f", quota / GIB));
        }
        countdown = (int) Math.max(Math.floor(remainingCount / 2), 1);
    }
}
