package io.github.arcticasync.store.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The differences found in one golden case, each as "where: expected X, actual Y", so one run reports all of them.
 */
final class Mismatches {

    private final String caseName;
    private final List<String> found = new ArrayList<>();

    Mismatches(String caseName) {
        this.caseName = caseName;
    }

    void add(String where, String problem) {
        found.add(where + ": " + problem);
    }

    /** Records a difference unless {@code expected} equals {@code actual}. */
    void check(String where, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            add(where, "expected " + describe(expected) + ", actual " + describe(actual));
        }
    }

    void threw(String where, Throwable t) {
        add(where, "threw " + t.getClass().getSimpleName() + ": " + t.getMessage());
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    List<String> all() {
        return List.copyOf(found);
    }

    /** The report used as the assertion message. */
    String report() {
        StringBuilder text = new StringBuilder(found.size() + " mismatch(es) in golden case " + caseName + ":");
        for (String line : found) {
            text.append("\n  - ").append(line);
        }
        return text.toString();
    }

    static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String text = value instanceof String s ? "\"" + s + "\"" : value.toString();
        String shown = text.length() > 300 ? text.substring(0, 300) + "...(" + text.length() + " chars)" : text;
        return shown + (value instanceof String ? "" : " (" + value.getClass().getSimpleName() + ")");
    }
}
