package io.github.arcticasync.internal.cluster;

import java.util.Map;

/** Reading typed fields out of a Redis hash, with errors that name the hash and the field. */
final class HashFields {

    private HashFields() {
    }

    static String text(Map<String, String> hash, String what, String field) {
        if (hash == null) {
            throw new IllegalArgumentException(what + " hash must not be null");
        }
        String value = hash.get(field);
        if (value == null) {
            throw new IllegalArgumentException(what + " hash lacks field '" + field + "'");
        }
        return value;
    }

    static long number(Map<String, String> hash, String what, String field) {
        String value = text(hash, what, field);
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " field '" + field + "' is not an integer: '" + value + "'", e);
        }
    }

    static int intNumber(Map<String, String> hash, String what, String field) {
        long value = number(hash, what, field);
        if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " field '" + field + "' is out of range: " + value);
        }
        return (int) value;
    }
}
