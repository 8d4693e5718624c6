package io.github.arcticasync.store.internal.mongo;

import io.github.arcticasync.store.ArcticSerializationException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a structured dtype string ({@code [('index', '<M8[ns]'), ('px', '<f8')]}) into {@code [name, typestr]}
 * pairs, as Python's {@code ast.literal_eval} does for {@code get_info}. A sub-array field keeps its shape text as a
 * third entry.
 */
final class DtypeFields {
    private final String s;
    private int pos;

    private DtypeFields(String s) {
        this.s = s;
    }

    static List<List<String>> parse(String dtype) {
        DtypeFields p = new DtypeFields(dtype.trim());
        try {
            return p.list();
        } catch (IndexOutOfBoundsException e) {
            throw new ArcticSerializationException("cannot parse dtype " + dtype, e);
        }
    }

    private List<List<String>> list() {
        expect('[');
        List<List<String>> out = new ArrayList<>();
        skipSpaces();
        while (s.charAt(pos) != ']') {
            out.add(tuple());
            skipSpaces();
            if (s.charAt(pos) == ',') {
                pos++;
                skipSpaces();
            }
        }
        return out;
    }

    private List<String> tuple() {
        expect('(');
        List<String> parts = new ArrayList<>();
        skipSpaces();
        while (s.charAt(pos) != ')') {
            char ch = s.charAt(pos);
            if (ch == '(') {
                int depth = 0;
                int start = pos;
                do {
                    if (s.charAt(pos) == '(') {
                        depth++;
                    } else if (s.charAt(pos) == ')') {
                        depth--;
                    }
                    pos++;
                } while (depth > 0);
                parts.add(s.substring(start, pos));
            } else {
                parts.add(string());
            }
            skipSpaces();
            if (s.charAt(pos) == ',') {
                pos++;
                skipSpaces();
            }
        }
        pos++;
        return parts;
    }

    private String string() {
        char ch = s.charAt(pos);
        if (ch == 'u' || ch == 'b') {
            pos++;
            ch = s.charAt(pos);
        }
        if (ch != '\'' && ch != '"') {
            throw new ArcticSerializationException("cannot parse dtype " + s + " at " + pos);
        }
        pos++;
        StringBuilder sb = new StringBuilder();
        while (s.charAt(pos) != ch) {
            char c = s.charAt(pos++);
            if (c == '\\') {
                c = s.charAt(pos++);
            }
            sb.append(c);
        }
        pos++;
        return sb.toString();
    }

    private void expect(char ch) {
        skipSpaces();
        if (s.charAt(pos) != ch) {
            throw new ArcticSerializationException("cannot parse dtype " + s + ": expected '" + ch + "' at " + pos);
        }
        pos++;
    }

    private void skipSpaces() {
        while (pos < s.length() && s.charAt(pos) == ' ') {
            pos++;
        }
    }
}
