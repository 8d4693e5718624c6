package io.github.arcticasync.store.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.arcticasync.store.DataFrame;
import io.github.arcticasync.store.internal.codec.EncodedItem;
import io.github.arcticasync.store.internal.codec.ItemCodec;
import io.github.arcticasync.store.internal.codec.Lz4Blocks;
import java.util.HexFormat;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The worked example of arctic-format.md §3.7, byte for byte. */
class WorkedExampleTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String RAW = "000065011710a617000000000000f83f0a00000000000000"
            + "0000b492ab5ea61700000000000004401400000000000000"
            + "0000032440ada6170000000000000c401e00000000000000";
    private static final String PYTHON_LZ4 = "4800000091000065011710a61700010031f83f0a08008400000000b492ab5e1800"
            + "32044014150074000000032440ad1800a00c401e00000000000000";
    private static final String PYTHON_LZ4_HC = "4800000091000065011710a61700010044f83f0a00010044b492ab5e18003504401"
            + "4180044032440ad1800a00c401e00000000000000";

    static DataFrame example() {
        return DataFrame.builder()
                .datetimeIndex(new long[] {1704067200000000000L, 1704153600000000000L, 1704240000000000000L})
                .column("price", new double[] {1.5, 2.5, 3.5})
                .column("qty", new long[] {10, 20, 30})
                .build();
    }

    @Test
    void encodesTheExampleFrameToArcticsExactRows() throws Exception {
        EncodedItem e = ItemCodec.encode(example());

        assertThat(e.type()).isEqualTo("pandasdf");
        assertThat(e.dtype()).isEqualTo("[('index', '<M8[ns]'), ('price', '<f8'), ('qty', '<i8')]");
        assertThat(e.dtypeMetadata()).isEqualTo(
                new Document("index", List.of("index")).append("columns", List.of("price", "qty")));
        assertThat(e.shape()).containsExactly(-1);
        assertThat(e.rowSize()).isEqualTo(24);
        assertThat(e.rowCount()).isEqualTo(3);
        assertThat(e.datetimeFieldOffset()).isZero();
        assertThat(HEX.formatHex(e.rows())).isEqualTo(RAW);
        assertThat(HEX.formatHex(GoldenDecodeTest.sha1(e.rows())))
                .isEqualTo("bfffec754385276e2c97a9808325bf30a5ef0e2e");
    }

    @Test
    void decodesThePythonLz4SegmentBackToTheFrame() {
        for (String segment : List.of(PYTHON_LZ4, PYTHON_LZ4_HC, "48000000f039" + RAW)) {
            byte[] rows = Lz4Blocks.decompress(HEX.parseHex(segment));
            assertThat(HEX.formatHex(rows)).isEqualTo(RAW);
            Object back = ItemCodec.decode("pandasdf",
                    "[('index', '<M8[ns]'), ('price', '<f8'), ('qty', '<i8')]",
                    new Document("index", List.of("index")).append("columns", List.of("price", "qty")),
                    List.of(-1), rows, 3);
            assertThat(back).isEqualTo(example());
        }
    }

    @Test
    void appendedRowMatchesArcticsUncompressedSegment() {
        DataFrame row = DataFrame.builder().datetimeIndex(new long[] {1704326400000000000L})
                .column("price", new double[] {4.5}).column("qty", new long[] {40}).build();
        assertThat(HEX.formatHex(ItemCodec.encode(row).rows()))
                .isEqualTo("000052b5d4fba61700000000000012402800000000000000");
    }

    @Test
    void segmentIndexEntryDecodesFromArcticsLz4() {
        byte[] entry = Lz4Blocks.decompress(HEX.parseHex("10000000f0010000032440ada6170200000000000000"));
        assertThat(HEX.formatHex(entry)).isEqualTo("0000032440ada6170200000000000000");
    }
}
