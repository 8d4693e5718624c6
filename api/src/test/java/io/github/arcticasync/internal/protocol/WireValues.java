package io.github.arcticasync.internal.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.arcticasync.store.ReadOptions;
import io.github.arcticasync.store.VersionedItem;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** Deep value comparison for decoded wire values: byte arrays by content, maps in order. */
final class WireValues {
    private WireValues() {
    }

    static void assertSameValue(Object expected, Object actual) {
        assertThat(same(expected, actual)).as("decoded %s%nexpected %s", describe(actual), describe(expected))
                .isTrue();
    }

    static boolean same(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof byte[] x && b instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            Iterator<? extends Map.Entry<?, ?>> i = x.entrySet().iterator();
            Iterator<? extends Map.Entry<?, ?>> j = y.entrySet().iterator();
            while (i.hasNext()) {
                Map.Entry<?, ?> e = i.next();
                Map.Entry<?, ?> f = j.next();
                if (!e.getKey().equals(f.getKey()) || !same(e.getValue(), f.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof VersionedItem x && b instanceof VersionedItem y) {
            return x.version() == y.version() && java.util.Objects.equals(x.symbol(), y.symbol())
                    && java.util.Objects.equals(x.library(), y.library())
                    && java.util.Objects.equals(x.host(), y.host()) && same(x.data(), y.data())
                    && same(x.metadata(), y.metadata());
        }
        if (a instanceof ReadOptions x && b instanceof ReadOptions y) {
            // ReadOptions has no equals; its toString lists every field.
            return x.toString().equals(y.toString());
        }
        return a.getClass() == b.getClass() && a.equals(b);
    }

    private static String describe(Object v) {
        if (v instanceof byte[] b) {
            return Arrays.toString(b);
        }
        return String.valueOf(v);
    }
}
