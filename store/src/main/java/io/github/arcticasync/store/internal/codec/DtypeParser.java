package io.github.arcticasync.store.internal.codec;

import io.github.arcticasync.store.ArcticSerializationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Reads the Python list literal that numpy's {@code str(dtype)} gives for a structured dtype, as Arctic's
 * {@code eval} would: either quote style, {@code u''}/{@code b''}/{@code r''} prefixes, backslash escapes, an optional
 * trailing comma. Sub-array fields and the padded {@code {'names': ...}} form are rejected as unsupported.
 */
public final class DtypeParser {
    private final String src;
    private int pos;

    private DtypeParser(String src) {
        this.src = src;
    }

    /** True when the stored dtype string is a structured (list) dtype rather than a plain one. */
    public static boolean isStructured(String dtype) {
        Objects.requireNonNull(dtype, "dtype must not be null");
        String t = dtype.strip();
        return t.startsWith("[") || t.startsWith("{");
    }

    /** Parses a structured dtype string; throws ArcticSerializationException naming the string when malformed. */
    public static StructuredDtype parseStructured(String s) {
        Objects.requireNonNull(s, "dtype must not be null");
        if (s.strip().startsWith("{")) {
            throw new ArcticSerializationException("unsupported numpy dtype (padded/aligned dict form): " + s);
        }
        DtypeParser p = new DtypeParser(s);
        try {
            return p.list();
        } catch (IndexOutOfBoundsException e) {
            throw p.error("unexpected end");
        }
    }

    private StructuredDtype list() {
        expect('[');
        List<String> names = new ArrayList<>();
        List<Dtype> types = new ArrayList<>();
        skipWs();
        while (peek() != ']') {
            expect('(');
            String name = string();
            expect(',');
            String type = string();
            skipWs();
            if (peek() == ',') {
                pos++;
                skipWs();
                if (peek() != ')') {
                    throw new ArcticSerializationException("unsupported numpy dtype: sub-array field '" + name
                            + "' in " + src);
                }
            }
            expect(')');
            names.add(name);
            types.add(Dtype.parse(type));
            skipWs();
            if (peek() == ',') {
                pos++;
                skipWs();
            } else if (peek() != ']') {
                throw error("expected ',' or ']'");
            }
        }
        pos++;
        skipWs();
        if (pos != src.length()) {
            throw error("trailing text");
        }
        if (names.isEmpty()) {
            throw new ArcticSerializationException("structured dtype without fields: " + src);
        }
        return StructuredDtype.of(names, types);
    }

    private String string() {
        skipWs();
        boolean raw = false;
        while (Character.isLetter(peek())) {
            char c = Character.toLowerCase(src.charAt(pos));
            if (c == 'r') {
                raw = true;
            } else if (c != 'u' && c != 'b') {
                throw error("expected a string literal");
            }
            pos++;
        }
        char q = src.charAt(pos);
        if (q != '\'' && q != '"') {
            throw error("expected a string literal");
        }
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = src.charAt(pos++);
            if (c == q) {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = src.charAt(pos++);
            if (raw) {
                sb.append('\\').append(e);
                continue;
            }
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    int start = pos - 1;
                    int end = start + 1;
                    while (end < src.length() && end < start + 3 && src.charAt(end) >= '0' && src.charAt(end) <= '7') {
                        end++;
                    }
                    sb.appendCodePoint(Integer.parseInt(src.substring(start, end), 8));
                    pos = end;
                }
                case 'x' -> sb.appendCodePoint(hex(2));
                case 'u' -> sb.appendCodePoint(hex(4));
                case 'U' -> sb.appendCodePoint(hex(8));
                case '\\', '\'', '"' -> sb.append(e);
                default -> sb.append('\\').append(e);
            }
        }
    }

    private int hex(int digits) {
        String h = src.substring(pos, pos + digits);
        pos += digits;
        try {
            return Integer.parseInt(h, 16);
        } catch (NumberFormatException e) {
            throw error("bad escape \\" + h);
        }
    }

    private void expect(char c) {
        skipWs();
        if (pos >= src.length() || src.charAt(pos) != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private char peek() {
        return src.charAt(pos);
    }

    private void skipWs() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
            pos++;
        }
    }

    private ArcticSerializationException error(String what) {
        return new ArcticSerializationException("malformed numpy dtype string (" + what + " at " + pos + "): " + src);
    }
}
