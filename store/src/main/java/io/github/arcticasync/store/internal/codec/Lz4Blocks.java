package io.github.arcticasync.store.internal.codec;

import io.github.arcticasync.store.ArcticSerializationException;
import java.util.Objects;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * python-lz4 {@code lz4.block} framing with {@code store_size=True} (arctic-format.md §2.9): a 4-byte little-endian
 * uncompressed length followed by one raw LZ4 block, no frame header and no checksum.
 */
public final class Lz4Blocks {
    private static final LZ4Factory FACTORY = LZ4Factory.fastestInstance();
    // Arctic uses the fast (acceleration 1) compressor for segments and segment_index alike.
    private static final LZ4Compressor COMPRESSOR = FACTORY.fastCompressor();
    private static final LZ4SafeDecompressor DECOMPRESSOR = FACTORY.safeDecompressor();

    private Lz4Blocks() {
    }

    /** Compresses {@code raw} in fast mode and prefixes its length, exactly as {@code lz4.block.compress} does. */
    public static byte[] compress(byte[] raw) {
        Objects.requireNonNull(raw, "raw bytes must not be null");
        int max = COMPRESSOR.maxCompressedLength(raw.length);
        byte[] out = new byte[4 + max];
        writeLength(out, raw.length);
        int n = COMPRESSOR.compress(raw, 0, raw.length, out, 4, max);
        if (n == max) {
            return out;
        }
        byte[] exact = new byte[4 + n];
        System.arraycopy(out, 0, exact, 0, 4 + n);
        return exact;
    }

    /**
     * Decodes a length-prefixed LZ4 block. Throws ArcticSerializationException when the prefix is missing or the
     * block does not decode to exactly the announced length.
     */
    public static byte[] decompress(byte[] framed) {
        Objects.requireNonNull(framed, "compressed bytes must not be null");
        if (framed.length < 4) {
            throw new ArcticSerializationException(
                    "LZ4 block is " + framed.length + " bytes, shorter than its 4-byte length prefix");
        }
        long announced = (framed[0] & 0xFFL) | (framed[1] & 0xFFL) << 8 | (framed[2] & 0xFFL) << 16
                | (framed[3] & 0xFFL) << 24;
        if (announced > Integer.MAX_VALUE - 16) {
            throw new ArcticSerializationException("LZ4 block announces " + announced + " bytes, too large for Java");
        }
        int len = (int) announced;
        byte[] out = new byte[len];
        int got;
        try {
            got = DECOMPRESSOR.decompress(framed, 4, framed.length - 4, out, 0, len);
        } catch (LZ4Exception e) {
            throw new ArcticSerializationException("corrupt LZ4 block (announced " + len + " bytes): "
                    + e.getMessage(), e);
        }
        if (got != len) {
            throw new ArcticSerializationException(
                    "LZ4 block decoded to " + got + " bytes but its prefix announced " + len);
        }
        return out;
    }

    private static void writeLength(byte[] out, int len) {
        out[0] = (byte) len;
        out[1] = (byte) (len >>> 8);
        out[2] = (byte) (len >>> 16);
        out[3] = (byte) (len >>> 24);
    }
}
