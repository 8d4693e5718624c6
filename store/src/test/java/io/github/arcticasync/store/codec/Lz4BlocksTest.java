package io.github.arcticasync.store.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.arcticasync.store.ArcticSerializationException;
import io.github.arcticasync.store.internal.codec.Lz4Blocks;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** python-lz4 block framing (arctic-format.md §2.9). */
class Lz4BlocksTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void emptyInputCompressesToALengthAndOneZeroToken() {
        byte[] framed = Lz4Blocks.compress(new byte[0]);
        assertThat(HEX.formatHex(framed)).isEqualTo("0000000000");
        assertThat(Lz4Blocks.decompress(framed)).isEmpty();
    }

    @Test
    void decodesAnOldArcticLiteralOnlySegment() {
        byte[] old = Base64.getDecoder().decode("CAAAAIAAAAAAAAAAAA==");
        assertThat(Lz4Blocks.decompress(old)).isEqualTo(new byte[8]);
    }

    @Test
    void decodesALiteralOnlyBlockWithALengthExtension() {
        byte[] raw = new byte[300];
        new Random(1).nextBytes(raw);
        // token 0xF0 = 15+ literals, then 300-15 = 285 = 255 + 30.
        byte[] framed = new byte[4 + 1 + 2 + 300];
        framed[0] = (byte) 300;
        framed[1] = 1;
        framed[4] = (byte) 0xF0;
        framed[5] = (byte) 255;
        framed[6] = 30;
        System.arraycopy(raw, 0, framed, 7, 300);
        assertThat(Lz4Blocks.decompress(framed)).isEqualTo(raw);
    }

    @Test
    void roundTripsCompressibleAndRandomData() {
        byte[] zeros = new byte[1 << 20];
        byte[] framed = Lz4Blocks.compress(zeros);
        assertThat(framed.length).isLessThan(10_000);
        assertThat(HEX.formatHex(framed, 0, 4)).isEqualTo("00001000");
        assertThat(Lz4Blocks.decompress(framed)).isEqualTo(zeros);

        byte[] noise = new byte[100_000];
        new Random(7).nextBytes(noise);
        assertThat(Lz4Blocks.decompress(Lz4Blocks.compress(noise))).isEqualTo(noise);
    }

    @Test
    void rejectsTruncatedAndCorruptBlocks() {
        assertThatThrownBy(() -> Lz4Blocks.decompress(new byte[] {1, 0}))
                .isInstanceOf(ArcticSerializationException.class).hasMessageContaining("length prefix");
        byte[] framed = Lz4Blocks.compress(new byte[1000]);
        byte[] truncated = java.util.Arrays.copyOf(framed, framed.length - 3);
        assertThatThrownBy(() -> Lz4Blocks.decompress(truncated)).isInstanceOf(ArcticSerializationException.class);
        byte[] lying = framed.clone();
        lying[0] = (byte) 0xE8;
        lying[1] = 0x07; // announces 2024 bytes instead of 1000
        assertThatThrownBy(() -> Lz4Blocks.decompress(lying)).isInstanceOf(ArcticSerializationException.class);
        assertThatThrownBy(() -> Lz4Blocks.compress(null)).isInstanceOf(NullPointerException.class);
    }
}
