package io.github.arcticasync.store.compat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import net.jpountz.lz4.LZ4Factory;

/**
 * Decompresses python-lz4's {@code lz4.block} framing (4-byte little-endian length, then a raw LZ4 block).
 *
 * <p>The test has its own few lines rather than the store's codec, so a framing bug in the store cannot hide itself.
 */
final class Lz4 {

    private Lz4() {
    }

    static byte[] decompress(byte[] framed) {
        if (framed.length < 4) {
            throw new IllegalArgumentException("LZ4 frame shorter than its 4-byte length: " + framed.length);
        }
        int length = ByteBuffer.wrap(framed, 0, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] out = new byte[length];
        int read = LZ4Factory.safeInstance().safeDecompressor().decompress(framed, 4, framed.length - 4, out, 0, length);
        if (read != length) {
            throw new IllegalArgumentException("LZ4 block decoded to " + read + " bytes, header says " + length);
        }
        return out;
    }
}
