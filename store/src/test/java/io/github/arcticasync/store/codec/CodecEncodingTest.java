package io.github.arcticasync.store.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.arcticasync.store.ArcticException;
import io.github.arcticasync.store.ArcticSerializationException;
import io.github.arcticasync.store.DataFrame;
import io.github.arcticasync.store.NdArray;
import io.github.arcticasync.store.Series;
import io.github.arcticasync.store.UnhandledDtypeException;
import io.github.arcticasync.store.internal.codec.EncodedItem;
import io.github.arcticasync.store.internal.codec.ItemCodec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** Encoding shapes that the golden vectors do not cover, and bad input. */
class CodecEncodingTest {

    @Test
    void rangeIndexIsWrittenAsInt64IndexFieldAndReadBackAsRangeIndex() {
        DataFrame df = DataFrame.builder().column("v", new double[] {0.5, 1.5, 2.5}).build();
        EncodedItem e = ItemCodec.encode(df);
        assertThat(e.dtype()).isEqualTo("[('index', '<i8'), ('v', '<f8')]");
        assertThat(e.datetimeFieldOffset()).isEqualTo(-1);
        ByteBuffer b = ByteBuffer.wrap(e.rows()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(new long[] {b.getLong(0), b.getLong(16), b.getLong(32)}).containsExactly(0, 1, 2);
        DataFrame back = (DataFrame) decode(e);
        assertThat(back.isRangeIndex()).isTrue();
        assertThat(back).isEqualTo(df);
    }

    @Test
    void nonRangeIntegerIndexIsKeptAsLevelZero() {
        byte[] rows = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN).putLong(5).putDouble(1).putLong(9)
                .putDouble(2).array();
        DataFrame df = (DataFrame) ItemCodec.decode("pandasdf", "[('index', '<i8'), ('v', '<f8')]",
                new Document("index", List.of("index")).append("columns", List.of("v")), List.of(-1), rows, 2);
        assertThat(df.isRangeIndex()).isFalse();
        assertThat(df.indexNanos()).isNull();
        assertThat(df.indexName()).isNull();
        assertThat(df.indexLevel(0)).isEqualTo(new long[] {5, 9});
        assertThat(ItemCodec.encode(df).rows()).isEqualTo(rows);
    }

    @Test
    void multiIndexNamesUnnamedLevelsAmongUnnamedOnlyAndAlwaysWritesIndexTz() {
        DataFrame df = DataFrame.builder().datetimeIndex(new long[] {1, 2}, "Europe/London").indexName("date")
                .indexLevel(null, new String[] {"x", "yy"}).indexLevel(null, new int[] {3, 4})
                .column("v", new float[] {1f, 2f}).build();
        EncodedItem e = ItemCodec.encode(df);
        assertThat(e.dtype()).isEqualTo(
                "[('date', '<M8[ns]'), ('level_0', '<U2'), ('level_1', '<i4'), ('v', '<f4')]");
        assertThat(e.dtypeMetadata().toJson()).isEqualTo("{\"index_tz\": [\"Europe/London\", null, null], "
                + "\"index\": [\"date\", \"level_0\", \"level_1\"], \"columns\": [\"v\"]}");
        DataFrame back = (DataFrame) decode(e);
        assertThat(back).isEqualTo(df);
        assertThat(back.indexLevelNames()).containsExactly("date", null, null);
        assertThat(back.indexTimezone()).isEqualTo("Europe/London");
    }

    @Test
    void dateutilZonesAreReadAsTheirIanaName() {
        EncodedItem e = ItemCodec.encode(DataFrame.builder().datetimeIndex(new long[] {1}).column("v",
                new double[] {1}).build());
        Document meta = new Document("index_tz", "dateutil//usr/share/zoneinfo/Europe/London")
                .append("index", List.of("index")).append("columns", List.of("v"));
        DataFrame df = (DataFrame) ItemCodec.decode("pandasdf", e.dtype(), meta, List.of(-1), e.rows(), 1);
        assertThat(df.indexTimezone()).isEqualTo("Europe/London");
    }

    @Test
    void seriesWithoutANameIsStoredAsValues() {
        Series s = Series.of(null, null, new long[] {4, 5});
        assertThat(s.name()).isEqualTo("values");
        EncodedItem e = ItemCodec.encode(s);
        assertThat(e.type()).isEqualTo("pandasseries");
        assertThat(e.dtype()).isEqualTo("[('index', '<i8'), ('values', '<i8')]");
        assertThat(e.dtypeMetadata()).isEqualTo(new Document("index", List.of("index"))
                .append("columns", List.of("values")));
        assertThat(decode(e)).isEqualTo(s);
    }

    @Test
    void seriesValueIsTheLastField() {
        byte[] rows = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putLong(100).putLong(7).putDouble(2.5)
                .array();
        Series s = (Series) ItemCodec.decode("pandasseries", "[('t', '<M8[ns]'), ('junk', '<i8'), ('px', '<f8')]",
                new Document("index", List.of("t")).append("columns", List.of("px")), List.of(-1), rows, 1);
        assertThat(s.name()).isEqualTo("px");
        assertThat(s.values()).isEqualTo(new double[] {2.5});
        assertThat(s.indexNanos()).containsExactly(100);
        assertThat(s.indexName()).isEqualTo("t");
    }

    @Test
    void ndarraysUseNumpyNamesAndRowShapes() {
        NdArray a = NdArray.of(new short[] {1, 2, 3, 4, 5, 6}, 2, 3);
        EncodedItem e = ItemCodec.encode(a);
        assertThat(e.dtype()).isEqualTo("int16");
        assertThat(e.shape()).containsExactly(-1, 3);
        assertThat(e.rowSize()).isEqualTo(6);
        assertThat(e.rowCount()).isEqualTo(2);
        assertThat(e.dtypeMetadata()).isEmpty();
        assertThat(decode(e)).isEqualTo(a);

        NdArray u = NdArray.of(new byte[] {(byte) 255, 1}, "uint8");
        assertThat(ItemCodec.encode(u).dtype()).isEqualTo("uint8");
        assertThat(decode(ItemCodec.encode(u))).isEqualTo(u);

        LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", new int[] {1, 2});
        fields.put("ok", new boolean[] {true, false});
        NdArray s = NdArray.ofFields(fields);
        EncodedItem es = ItemCodec.encode(s);
        assertThat(es.dtype()).isEqualTo("[('id', '<i4'), ('ok', '?')]");
        assertThat(es.shape()).containsExactly(-1);
        assertThat(decode(es)).isEqualTo(s);
    }

    @Test
    void bigEndianFieldsAreDecoded() {
        byte[] rows = ByteBuffer.allocate(12).order(ByteOrder.BIG_ENDIAN).putDouble(1.25).putInt(-3).array();
        NdArray a = (NdArray) ItemCodec.decode("ndarray", "[('x', '>f8'), ('y', '>i4')]", new Document(),
                List.of(-1), rows, 1);
        assertThat(a.field("x")).isEqualTo(new double[] {1.25});
        assertThat(a.field("y")).isEqualTo(new int[] {-3});
    }

    @Test
    void stringsAreUtf32AndNulPadded() {
        DataFrame df = DataFrame.builder().column("s", new String[] {"", "é😀"})
                .column("b", new byte[][] {{1, 0, 2}, {}}).build();
        EncodedItem e = ItemCodec.encode(df);
        assertThat(e.dtype()).isEqualTo("[('index', '<i8'), ('s', '<U2'), ('b', 'S3')]");
        byte[] row1 = Arrays.copyOfRange(e.rows(), e.rowSize() + 8, e.rowSize() * 2);
        assertThat(row1).containsExactly(0xe9, 0, 0, 0, 0x00, 0xf6, 0x01, 0, 0, 0, 0);
        assertThat(decode(e)).isEqualTo(df);

        DataFrame empty = DataFrame.builder().column("s", new String[] {"", ""}).build();
        assertThat(ItemCodec.encode(empty).dtype()).isEqualTo("[('index', '<i8'), ('s', '<U1')]");
    }

    @Test
    void emptyFramesEncodeToNoRows() {
        DataFrame df = DataFrame.builder().datetimeIndex(new long[0]).column("v", new double[0]).build();
        EncodedItem e = ItemCodec.encode(df);
        assertThat(e.rows()).isEmpty();
        assertThat(e.rowCount()).isZero();
        assertThat(decode(e)).isEqualTo(df);
    }

    @Test
    void emptyColumnNameFailsLikeArctic() {
        DataFrame df = DataFrame.builder().column("", new double[] {1}).build();
        assertThatThrownBy(() -> ItemCodec.encode(df)).isExactlyInstanceOf(ArcticException.class)
                .hasMessage("Cannot use empty string as a column name.");
    }

    @Test
    void columnNamedLikeTheIndexCannotBeStored() {
        DataFrame df = DataFrame.builder().datetimeIndex(new long[] {1}).column("index", new double[] {1}).build();
        assertThatThrownBy(() -> ItemCodec.encode(df)).isInstanceOf(UnhandledDtypeException.class)
                .hasMessageContaining("'index'");
    }

    @Test
    void rejectsOtherValuesAndBadStoredData() {
        assertThat(ItemCodec.canEncode("text")).isFalse();
        assertThat(ItemCodec.canEncode(NdArray.of(new double[] {1}))).isTrue();
        assertThatThrownBy(() -> ItemCodec.encode(List.of(1))).isInstanceOf(UnhandledDtypeException.class)
                .hasMessageContaining("java.util");
        assertThatThrownBy(() -> ItemCodec.encode(null)).isInstanceOf(NullPointerException.class);
        Document meta = new Document("index", List.of("index")).append("columns", List.of("v"));
        assertThatThrownBy(() -> ItemCodec.decode("pandasdf", "[('index', '<i8'), ('v', '<f8')]", meta,
                List.of(-1), new byte[15], 1)).isInstanceOf(ArcticSerializationException.class)
                .hasMessageContaining("16");
        assertThatThrownBy(() -> ItemCodec.decode("pandasdf", "float64", meta, List.of(-1), new byte[8], 1))
                .isInstanceOf(ArcticSerializationException.class).hasMessageContaining("structured");
        assertThatThrownBy(() -> ItemCodec.decode("pandasdf", "[('index', '<i8'), ('v', 'O')]", meta,
                List.of(-1), new byte[16], 1)).isInstanceOf(ArcticSerializationException.class)
                .hasMessageContaining("'O'");
        assertThatThrownBy(() -> ItemCodec.decode("pandaspan", "float64", meta, List.of(-1), new byte[8], 1))
                .isInstanceOf(ArcticSerializationException.class).hasMessageContaining("pandaspan");
        assertThatThrownBy(() -> ItemCodec.decode("pandasdf", "[('index', '<i8'), ('v', '<f8')]",
                new Document("index", List.of("other")), List.of(-1), new byte[16], 1))
                .isInstanceOf(ArcticSerializationException.class).hasMessageContaining("other");
    }

    private static Object decode(EncodedItem e) {
        return ItemCodec.decode(e.type(), e.dtype(), e.dtypeMetadata(), e.shape(), e.rows(), e.rowCount());
    }
}
