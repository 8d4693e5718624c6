package io.github.arcticasync.internal.protocol;

import io.github.arcticasync.store.internal.codec.Column;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The raw column block of a frame on the wire: the columns' values back to back, each as little-endian fixed-width
 * elements (one bulk copy per column) or, for strings and byte strings, as int32 length + bytes per element.
 */
final class ColumnBlock {
    private ColumnBlock() {
    }

    /** Bytes one column takes in the block. */
    static int byteLength(Object values) {
        long n;
        if (values instanceof double[] a) {
            n = 8L * a.length;
        } else if (values instanceof long[] a) {
            n = 8L * a.length;
        } else if (values instanceof float[] a) {
            n = 4L * a.length;
        } else if (values instanceof int[] a) {
            n = 4L * a.length;
        } else if (values instanceof short[] a) {
            n = 2L * a.length;
        } else if (values instanceof byte[] a) {
            n = a.length;
        } else if (values instanceof boolean[] a) {
            n = a.length;
        } else if (values instanceof String[] a) {
            n = 4L * a.length;
            for (String s : a) {
                n += utf8Length(s);
            }
        } else if (values instanceof byte[][] a) {
            n = 4L * a.length;
            for (byte[] b : a) {
                n += b.length;
            }
        } else {
            throw new ProtocolException("no wire encoding for column array "
                    + (values == null ? "null" : values.getClass().getTypeName()));
        }
        if (n > Integer.MAX_VALUE - 64) {
            throw new ProtocolException("a column of " + n + " bytes is too large for one envelope");
        }
        return (int) n;
    }

    /** Writes {@code values} at the buffer's position (little-endian) and advances it. */
    static void write(ByteBuffer out, Object values) {
        int start = out.position();
        if (values instanceof double[] a) {
            out.asDoubleBuffer().put(a);
            out.position(start + 8 * a.length);
        } else if (values instanceof long[] a) {
            out.asLongBuffer().put(a);
            out.position(start + 8 * a.length);
        } else if (values instanceof float[] a) {
            out.asFloatBuffer().put(a);
            out.position(start + 4 * a.length);
        } else if (values instanceof int[] a) {
            out.asIntBuffer().put(a);
            out.position(start + 4 * a.length);
        } else if (values instanceof short[] a) {
            out.asShortBuffer().put(a);
            out.position(start + 2 * a.length);
        } else if (values instanceof byte[] a) {
            out.put(a);
        } else if (values instanceof boolean[] a) {
            for (boolean b : a) {
                out.put(b ? (byte) 1 : (byte) 0);
            }
        } else if (values instanceof String[] a) {
            for (String s : a) {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                out.putInt(utf8.length);
                out.put(utf8);
            }
        } else if (values instanceof byte[][] a) {
            for (byte[] b : a) {
                out.putInt(b.length);
                out.put(b);
            }
        } else {
            throw new ProtocolException("no wire encoding for column array " + values.getClass().getTypeName());
        }
    }

    /**
     * Reads {@code rows} elements of {@code arrayType} from exactly {@code length} bytes at the buffer's position,
     * checking every length before allocating.
     */
    static Object read(ByteBuffer in, Class<?> arrayType, int rows, int length, String what) {
        ByteBuffer col = in.slice().order(ByteOrder.LITTLE_ENDIAN);
        col.limit(length);
        Object values;
        if (arrayType == double[].class) {
            requireFixed(rows, 8, length, what);
            double[] a = new double[rows];
            col.asDoubleBuffer().get(a);
            col.position(length); // the view buffer does not move this one
            values = a;
        } else if (arrayType == long[].class) {
            requireFixed(rows, 8, length, what);
            long[] a = new long[rows];
            col.asLongBuffer().get(a);
            col.position(length); // the view buffer does not move this one
            values = a;
        } else if (arrayType == float[].class) {
            requireFixed(rows, 4, length, what);
            float[] a = new float[rows];
            col.asFloatBuffer().get(a);
            col.position(length); // the view buffer does not move this one
            values = a;
        } else if (arrayType == int[].class) {
            requireFixed(rows, 4, length, what);
            int[] a = new int[rows];
            col.asIntBuffer().get(a);
            col.position(length); // the view buffer does not move this one
            values = a;
        } else if (arrayType == short[].class) {
            requireFixed(rows, 2, length, what);
            short[] a = new short[rows];
            col.asShortBuffer().get(a);
            col.position(length); // the view buffer does not move this one
            values = a;
        } else if (arrayType == byte[].class) {
            requireFixed(rows, 1, length, what);
            byte[] a = new byte[rows];
            col.get(a);
            values = a;
        } else if (arrayType == boolean[].class) {
            requireFixed(rows, 1, length, what);
            boolean[] a = new boolean[rows];
            for (int i = 0; i < rows; i++) {
                byte b = col.get();
                if (b != 0 && b != 1) {
                    throw new ProtocolException(what + " row " + i + " holds bool byte " + b + ", not 0 or 1");
                }
                a[i] = b == 1;
            }
            values = a;
        } else if (arrayType == String[].class) {
            requireVariable(rows, length, what);
            String[] a = new String[rows];
            var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            for (int i = 0; i < rows; i++) {
                int n = elementLength(col, i, what);
                ByteBuffer utf8 = col.slice();
                utf8.limit(n);
                try {
                    a[i] = decoder.decode(utf8).toString();
                } catch (CharacterCodingException e) {
                    throw new ProtocolException(what + " row " + i + " is not valid UTF-8", e);
                }
                col.position(col.position() + n);
            }
            values = a;
        } else if (arrayType == byte[][].class) {
            requireVariable(rows, length, what);
            byte[][] a = new byte[rows][];
            for (int i = 0; i < rows; i++) {
                int n = elementLength(col, i, what);
                a[i] = new byte[n];
                col.get(a[i]);
            }
            values = a;
        } else {
            throw new ProtocolException(what + " has no wire decoding for " + arrayType.getTypeName());
        }
        if (col.hasRemaining()) {
            throw new ProtocolException(what + " declares " + length + " bytes but its " + rows + " rows use "
                    + col.position());
        }
        in.position(in.position() + length);
        return values;
    }

    /** Sum of the block lengths of {@code columns}. */
    static long totalLength(List<Column> columns) {
        long n = 0;
        for (Column c : columns) {
            n += byteLength(c.values());
        }
        return n;
    }

    private static void requireFixed(int rows, int width, int length, String what) {
        if ((long) rows * width != length) {
            throw new ProtocolException(what + " declares " + length + " bytes, but " + rows + " rows of " + width
                    + " bytes need " + (long) rows * width);
        }
    }

    private static void requireVariable(int rows, int length, String what) {
        // Each element has a 4-byte length, so this bounds the array allocation by the input size.
        if ((long) rows * 4 > length) {
            throw new ProtocolException(what + " declares " + length + " bytes, too few for " + rows + " rows");
        }
    }

    private static int elementLength(ByteBuffer col, int row, String what) {
        if (col.remaining() < 4) {
            throw new ProtocolException(what + " is cut off at row " + row);
        }
        int n = col.getInt();
        if (n < 0 || n > col.remaining()) {
            throw new ProtocolException(what + " row " + row + " declares " + n + " bytes but " + col.remaining()
                    + " remain");
        }
        return n;
    }

    private static long utf8Length(String s) {
        long n = 0;
        int len = s.length();
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                // Lone surrogates encode as '?' (1 byte); other BMP chars take 3.
                n += Character.isSurrogate(c) ? 1 : 3;
            }
        }
        return n;
    }
}
