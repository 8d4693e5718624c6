package io.github.arcticasync.store.internal.mongo;

import io.github.arcticasync.store.ArcticSerializationException;

/** pymongo's integer rule: write Int32 when the value fits, else Int64; read either width. */
final class BsonInts {
    private BsonInts() {
    }

    /** The value boxed as pymongo would encode a Python int. */
    static Object py(long value) {
        return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? (Object) (int) value : (Object) value;
    }

    static long toLong(Object value, String field) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        throw new ArcticSerializationException("field '" + field + "' should be an integer but is "
                + (value == null ? "missing" : value.getClass().getSimpleName()));
    }

    static int toInt(Object value, String field) {
        long v = toLong(value, field);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new ArcticSerializationException("field '" + field + "' = " + v + " does not fit an int");
        }
        return (int) v;
    }

    static long toLong(Object value, String field, long dflt) {
        return value == null ? dflt : toLong(value, field);
    }
}
