package io.github.arcticasync.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Command-line options of the form {@code --name value}, checked against the names a command accepts. */
final class Args {

    private final Map<String, String> values = new HashMap<>();

    Args(List<String> args, Set<String> accepted) {
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("expected an option --name, got '" + a + "'");
            }
            String name = a.substring(2);
            if (!accepted.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name + "; accepted: " + accepted);
            }
            if (i + 1 >= args.size()) {
                throw new IllegalArgumentException("option --" + name + " needs a value");
            }
            values.put(name, args.get(++i));
        }
    }

    int intValue(String name, int fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option --" + name + " must be an integer, was '" + v + "'", e);
        }
    }

    double doubleValue(String name, double fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("option --" + name + " must be a number, was '" + v + "'", e);
        }
    }
}
