package io.github.arcticasync.internal.protocol;

import java.util.HashSet;
import java.util.Set;

/**
 * Walks the fields of one BSON document being decoded, rejecting a field that appears twice and remembering which
 * appeared, so that envelopes and tagged values can require theirs; every problem is a {@link ProtocolException}
 * naming {@code path}.
 */
final class FieldWalker {
    private final WireReader in;
    private final String path;
    private final Set<String> seen = new HashSet<>();
    private String current;

    FieldWalker(WireReader in, String path) {
        this.in = in;
        this.path = path;
    }

    /** Moves to the next field; false (after closing the document) when there is none. */
    boolean next() {
        if (!in.nextField()) {
            in.endDocument();
            return false;
        }
        current = in.name();
        if (!seen.add(current)) {
            throw new ProtocolException(path + " has field '" + abbreviate(current) + "' twice");
        }
        return true;
    }

    String name() {
        return current;
    }

    boolean is(String name) {
        return name.equals(current);
    }

    boolean has(String field) {
        return seen.contains(field);
    }

    ProtocolException unknown() {
        return new ProtocolException(path + " has unknown field '" + abbreviate(current) + "'");
    }

    /** {@code value}, once {@code field} is known to have been present. */
    <T> T end(T value, String field) {
        if (!seen.contains(field)) {
            throw new ProtocolException(path + " lacks field '" + field + "'");
        }
        return value;
    }

    void requireAll(String... fields) {
        for (String field : fields) {
            end(null, field);
        }
    }

    /** Keeps messages short when a hostile input names a field with kilobytes of text. */
    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
