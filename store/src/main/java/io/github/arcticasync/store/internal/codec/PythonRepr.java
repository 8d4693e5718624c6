package io.github.arcticasync.store.internal.codec;

/** Python 3's {@code repr(str)}: how numpy quotes field names inside {@code str(dtype)}. */
final class PythonRepr {
    private PythonRepr() {
    }

    static String str(String s) {
        // Python picks single quotes unless the text has a ' and no ".
        char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder(s.length() + 2).append(q);
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == q || cp == '\\') {
                sb.append('\\').appendCodePoint(cp);
            } else if (cp == '\t') {
                sb.append("\\t");
            } else if (cp == '\n') {
                sb.append("\\n");
            } else if (cp == '\r') {
                sb.append("\\r");
            } else if (cp < 0x20 || cp == 0x7f) {
                sb.append(String.format("\\x%02x", cp));
            } else if (cp < 0x7f || isPrintable(cp)) {
                sb.appendCodePoint(cp);
            } else if (cp <= 0xff) {
                sb.append(String.format("\\x%02x", cp));
            } else if (cp <= 0xffff) {
                sb.append(String.format("\\u%04x", cp));
            } else {
                sb.append(String.format("\\U%08x", cp));
            }
        }
        return sb.append(q).toString();
    }

    /** Python's str.isprintable for one non-ASCII code point (approximated with Java's Unicode categories). */
    private static boolean isPrintable(int cp) {
        int t = Character.getType(cp);
        return t != Character.CONTROL && t != Character.FORMAT && t != Character.SURROGATE
                && t != Character.PRIVATE_USE && t != Character.UNASSIGNED && t != Character.LINE_SEPARATOR
                && t != Character.PARAGRAPH_SEPARATOR && t != Character.SPACE_SEPARATOR;
    }
}
