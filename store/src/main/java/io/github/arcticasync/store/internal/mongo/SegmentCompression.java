package io.github.arcticasync.store.internal.mongo;

import io.github.arcticasync.store.ArcticSerializationException;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FastDecompressor;

/**
 * python-lz4 block framing (arctic-format.md §2.9) over slices, so the writer compresses straight from the packed
 * rows and the reader decompresses straight into one preallocated array (no intermediate copies).
 */
final class SegmentCompression {
    private static final LZ4Factory FACTORY = LZ4Factory.fastestInstance();
    private static final LZ4Compressor COMPRESSOR = FACTORY.fastCompressor();
    private static final LZ4FastDecompressor DECOMPRESSOR = FACTORY.fastDecompressor();

    private SegmentCompression() {
    }

    static byte[] compress(byte[] src, int off, int len) {
        int max = COMPRESSOR.maxCompressedLength(len);
        byte[] out = new byte[4 + max];
        out[0] = (byte) len;
        out[1] = (byte) (len >>> 8);
        out[2] = (byte) (len >>> 16);
        out[3] = (byte) (len >>> 24);
        int n = COMPRESSOR.compress(src, off, len, out, 4, max);
        byte[] exact = new byte[4 + n];
        System.arraycopy(out, 0, exact, 0, 4 + n);
        return exact;
    }

    /** The uncompressed length announced by a framed block. */
    static int announcedLength(byte[] framed) {
        if (framed.length < 4) {
            throw new ArcticSerializationException("LZ4 segment of " + framed.length + " bytes has no length prefix");
        }
        long len = (framed[0] & 0xFFL) | (framed[1] & 0xFFL) << 8 | (framed[2] & 0xFFL) << 16
                | (framed[3] & 0xFFL) << 24;
        if (len > Integer.MAX_VALUE - 16) {
            throw new ArcticSerializationException("LZ4 segment announces " + len + " bytes, too large for Java");
        }
        return (int) len;
    }

    /** Decompresses a framed block into {@code dest} at {@code destOff}; returns the number of bytes written. */
    static int decompressInto(byte[] framed, byte[] dest, int destOff) {
        int len = announcedLength(framed);
        try {
            int read = DECOMPRESSOR.decompress(framed, 4, dest, destOff, len);
            if (read != framed.length - 4) {
                throw new ArcticSerializationException("LZ4 segment has " + (framed.length - 4 - read)
                        + " trailing bytes after its block");
            }
        } catch (LZ4Exception e) {
            throw new ArcticSerializationException("corrupt LZ4 segment (announced " + len + " bytes): "
                    + e.getMessage(), e);
        }
        return len;
    }
}
