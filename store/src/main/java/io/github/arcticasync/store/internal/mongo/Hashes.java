package io.github.arcticasync.store.internal.mongo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The SHA-1 keys Arctic stores: per segment (arctic-format.md §2.7) and per version (§2.10). */
final class Hashes {
    private Hashes() {
    }

    static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-1", e);
        }
    }

    /** {@code SHA1(ascii(symbol) ‖ decimal(segment) ‖ data ‖ "True"/"False")}. */
    static byte[] segmentSha(String symbol, long segment, byte[] data, boolean compressed) {
        MessageDigest md = sha1();
        md.update(symbol.getBytes(StandardCharsets.US_ASCII));
        md.update(Long.toString(segment).getBytes(StandardCharsets.US_ASCII));
        md.update(data);
        md.update((compressed ? "True" : "False").getBytes(StandardCharsets.US_ASCII));
        return md.digest();
    }

    static byte[] rowsSha(byte[] rows, int off, int len) {
        MessageDigest md = sha1();
        md.update(rows, off, len);
        return md.digest();
    }
}
