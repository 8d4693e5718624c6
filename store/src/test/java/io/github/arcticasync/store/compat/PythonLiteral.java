package io.github.arcticasync.store.compat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the Python {@code repr} of a small value (dict, list, str, int, float, True, False, None), as
 * expected.json gives the dict of case k; ints become Integer when they fit (as Python's BSON encoder writes Int32).
 */
final class PythonLiteral {

    private final String text;
    private int pos;

    private PythonLiteral(String text) {
        this.text = text;
    }

    static Object parse(String repr) {
        PythonLiteral parser = new PythonLiteral(repr);
        Object value = parser.value();
        parser.skipSpaces();
        if (parser.pos != repr.length()) {
            throw new IllegalArgumentException("trailing text at " + parser.pos + " in " + repr);
        }
        return value;
    }

    private Object value() {
        skipSpaces();
        char c = text.charAt(pos);
        if (c == '{') {
            pos++;
            Map<String, Object> map = new LinkedHashMap<>();
            while (!consume('}')) {
                Object key = value();
                expect(':');
                map.put((String) key, value());
                consume(',');
            }
            return map;
        }
        if (c == '[') {
            pos++;
            List<Object> list = new ArrayList<>();
            while (!consume(']')) {
                list.add(value());
                consume(',');
            }
            return list;
        }
        if (c == '\'' || c == '"') {
            int end = text.indexOf(c, pos + 1);
            String s = text.substring(pos + 1, end);
            pos = end + 1;
            return s;
        }
        for (Map.Entry<String, Object> word : Map.<String, Object>of("True", true, "False", false).entrySet()) {
            if (text.startsWith(word.getKey(), pos)) {
                pos += word.getKey().length();
                return word.getValue();
            }
        }
        if (text.startsWith("None", pos)) {
            pos += 4;
            return null;
        }
        int start = pos;
        while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        String number = text.substring(start, pos);
        if (number.isEmpty()) {
            throw new IllegalArgumentException("unexpected '" + c + "' at " + start + " in " + text);
        }
        if (number.contains(".") || number.contains("e") || number.contains("E")) {
            return Double.parseDouble(number);
        }
        long value = Long.parseLong(number);
        return value == (int) value ? (Object) (int) value : (Object) value;
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean consume(char c) {
        skipSpaces();
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!consume(c)) {
            throw new IllegalArgumentException("expected '" + c + "' at " + pos + " in " + text);
        }
    }
}
