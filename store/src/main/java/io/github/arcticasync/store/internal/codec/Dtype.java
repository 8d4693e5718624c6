package io.github.arcticasync.store.internal.codec;

import io.github.arcticasync.store.ArcticSerializationException;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One numpy scalar dtype that the store can hold in a Java array: its kind, element size and byte order.
 *
 * <p>Kinds: {@code f} float (8, 4 bytes), {@code i}/{@code u} signed/unsigned integer (8, 4, 2, 1), {@code b} bool
 * (1), {@code M}/{@code m} datetime64[ns]/timedelta64[ns] (8), {@code U} UTF-32 string ({@code size} = 4 x chars),
 * {@code S} byte string. Unsigned values are held in the signed Java array of the same width (bits unchanged).
 *
 * @param kind      numpy kind character
 * @param size      element size in bytes
 * @param bigEndian true for numpy {@code >} order (decoded, never written)
 */
public record Dtype(char kind, int size, boolean bigEndian) {
    public static final Dtype FLOAT64 = new Dtype('f', 8, false);
    public static final Dtype FLOAT32 = new Dtype('f', 4, false);
    public static final Dtype INT64 = new Dtype('i', 8, false);
    public static final Dtype INT32 = new Dtype('i', 4, false);
    public static final Dtype INT16 = new Dtype('i', 2, false);
    public static final Dtype INT8 = new Dtype('i', 1, false);
    public static final Dtype BOOL = new Dtype('b', 1, false);
    public static final Dtype DATETIME64 = new Dtype('M', 8, false);
    public static final Dtype TIMEDELTA64 = new Dtype('m', 8, false);

    private static final Pattern TYPESTR = Pattern.compile("([<>=|]?)([a-zA-Z?])(\\d*)(?:\\[(\\w+)\\])?");

    public Dtype {
        switch (kind) {
            case 'f' -> requireSize(size == 8 || size == 4, kind, size);
            case 'i', 'u' -> requireSize(size == 8 || size == 4 || size == 2 || size == 1, kind, size);
            case 'b' -> requireSize(size == 1, kind, size);
            case 'M', 'm' -> requireSize(size == 8, kind, size);
            case 'U' -> requireSize(size >= 4 && size % 4 == 0, kind, size);
            case 'S' -> requireSize(size >= 1, kind, size);
            default -> throw new ArcticSerializationException("unsupported numpy dtype kind '" + kind + "'");
        }
    }

    private static void requireSize(boolean ok, char kind, int size) {
        if (!ok) {
            throw new ArcticSerializationException("unsupported numpy dtype: kind '" + kind + "' with " + size
                    + " bytes");
        }
    }

    /** A {@code <U{chars}} dtype. */
    public static Dtype unicode(int chars) {
        return new Dtype('U', Math.multiplyExact(chars, 4), false);
    }

    /** An {@code |S{bytes}} dtype. */
    public static Dtype bytes(int n) {
        return new Dtype('S', n, false);
    }

    /**
     * Parses one numpy type string: typestrs such as {@code <f8}, {@code |b1}, {@code b1}, {@code ?}, {@code u1},
     * {@code S4}, {@code <U5}, {@code <M8[ns]}, {@code >i4}, {@code =f8}, and names such as {@code float64},
     * {@code int8}, {@code uint16}, {@code bool}, {@code datetime64[ns]}. Throws ArcticSerializationException naming
     * anything else (object, complex, half floats, void, other datetime units).
     */
    public static Dtype parse(String s) {
        Objects.requireNonNull(s, "dtype string must not be null");
        String t = s.strip();
        Dtype named = byName(t);
        if (named != null) {
            return named;
        }
        Matcher m = TYPESTR.matcher(t);
        if (!m.matches()) {
            throw unsupported(s);
        }
        boolean big = ">".equals(m.group(1));
        char c = m.group(2).charAt(0);
        String digits = m.group(3);
        String unit = m.group(4);
        if (c == '?') {
            if (!digits.isEmpty() || unit != null) {
                throw unsupported(s);
            }
            return BOOL;
        }
        if (digits.isEmpty()) {
            throw unsupported(s);
        }
        int n;
        try {
            n = Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw unsupported(s);
        }
        if (c == 'M' || c == 'm') {
            if (n != 8 || !"ns".equals(unit)) {
                throw new ArcticSerializationException("unsupported numpy dtype '" + s
                        + "': only datetime64/timedelta64 in ns are handled");
            }
            return new Dtype(c, 8, big);
        }
        if (unit != null) {
            throw unsupported(s);
        }
        try {
            return switch (c) {
                case 'f', 'i', 'u' -> new Dtype(c, n, big && n > 1);
                case 'b' -> new Dtype('b', n, false);
                case 'U' -> new Dtype('U', Math.multiplyExact(n, 4), big);
                case 'S', 'a' -> new Dtype('S', n, false);
                default -> throw unsupported(s);
            };
        } catch (ArcticSerializationException | ArithmeticException e) {
            throw unsupported(s);
        }
    }

    private static ArcticSerializationException unsupported(String s) {
        return new ArcticSerializationException("unsupported numpy dtype '" + s + "'");
    }

    private static Dtype byName(String t) {
        return switch (t) {
            case "float64", "double", "float" -> FLOAT64;
            case "float32", "single" -> FLOAT32;
            case "int64", "long", "int" -> INT64;
            case "int32" -> INT32;
            case "int16", "short" -> INT16;
            case "int8", "byte" -> INT8;
            case "uint64" -> new Dtype('u', 8, false);
            case "uint32" -> new Dtype('u', 4, false);
            case "uint16" -> new Dtype('u', 2, false);
            case "uint8", "ubyte" -> new Dtype('u', 1, false);
            case "bool", "bool_", "bool8" -> BOOL;
            case "datetime64[ns]" -> DATETIME64;
            case "timedelta64[ns]" -> TIMEDELTA64;
            default -> null;
        };
    }

    /** Characters of a {@code U} dtype. */
    public int chars() {
        return size / 4;
    }

    /** True for {@code U} and {@code S}. */
    public boolean isString() {
        return kind == 'U' || kind == 'S';
    }

    /** numpy's {@code dtype.str}: {@code <f8}, {@code |b1}, {@code |i1}, {@code <U5}, {@code |S4}, {@code <M8[ns]}. */
    public String str() {
        return order(true) + kind + (kind == 'U' ? chars() : size) + unitSuffix();
    }

    /**
     * The spelling numpy uses inside {@code str()} of a structured dtype: like {@link #str()} but bool is {@code ?}
     * and byte-order-less types drop the {@code |} ({@code u1}, {@code i1}, {@code S4}).
     */
    public String descr() {
        if (kind == 'b') {
            return "?";
        }
        return order(false) + kind + (kind == 'U' ? chars() : size) + unitSuffix();
    }

    /**
     * numpy's {@code str(dtype)} of a plain (non-structured) array, as stored for {@code ndarray} items:
     * {@code float64}, {@code int8}, {@code uint16}, {@code bool}, {@code datetime64[ns]}, {@code <U5}, {@code |S4};
     * big-endian types are spelled as their typestr ({@code >f8}).
     */
    public String name() {
        if (bigEndian || isString()) {
            return str();
        }
        return switch (kind) {
            case 'f' -> "float" + size * 8;
            case 'i' -> "int" + size * 8;
            case 'u' -> "uint" + size * 8;
            case 'b' -> "bool";
            case 'M' -> "datetime64[ns]";
            case 'm' -> "timedelta64[ns]";
            default -> str();
        };
    }

    /** The same type in little-endian order (how the store hands values to Java and writes them). */
    public Dtype littleEndian() {
        return bigEndian ? new Dtype(kind, size, false) : this;
    }

    private String order(boolean withPipe) {
        boolean noOrder = kind == 'b' || kind == 'S' || size == 1;
        if (noOrder) {
            return withPipe ? "|" : "";
        }
        return bigEndian ? ">" : "<";
    }

    private String unitSuffix() {
        return kind == 'M' || kind == 'm' ? "[ns]" : "";
    }

    /** The Java array class holding values of this type: double[], float[], long[], ..., String[] or byte[][]. */
    public Class<?> javaArrayType() {
        return switch (kind) {
            case 'f' -> size == 8 ? double[].class : float[].class;
            case 'i', 'u' -> switch (size) {
                case 8 -> long[].class;
                case 4 -> int[].class;
                case 2 -> short[].class;
                default -> byte[].class;
            };
            case 'b' -> boolean[].class;
            case 'M', 'm' -> long[].class;
            case 'U' -> String[].class;
            default -> byte[][].class;
        };
    }

    @Override
    public String toString() {
        return str();
    }
}
