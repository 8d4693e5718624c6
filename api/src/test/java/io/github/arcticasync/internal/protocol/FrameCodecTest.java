package io.github.arcticasync.internal.protocol;

import static io.github.arcticasync.internal.protocol.EnvelopeCodecTest.decodeRaw;
import static io.github.arcticasync.internal.protocol.EnvelopeCodecTest.request;
import static io.github.arcticasync.internal.protocol.EnvelopeCodecTest.roundTripArg;
import static io.github.arcticasync.internal.protocol.EnvelopeCodecTest.toBytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.arcticasync.store.DataFrame;
import io.github.arcticasync.store.NdArray;
import io.github.arcticasync.store.Series;
import io.github.arcticasync.store.VersionedItem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class FrameCodecTest {
    private static final EnvelopeCodec CODEC = EnvelopeCodec.defaults();
    private static final long[] INDEX = {1_600_000_000_000_000_000L, 1_600_000_000_000_000_001L,
        1_600_000_060_000_000_000L};

    static List<String> kinds() {
        return Frames.kinds();
    }

    @ParameterizedTest
    @MethodSource("kinds")
    void eachColumnTypeRoundTripsWithItsDtype(String kind) {
        Random r = new Random(kind.hashCode());
        for (int rows : new int[] {0, 1, 3}) {
            long[] index = Frames.sortedNanos(r, rows);
            DataFrame frame = DataFrame.builder().datetimeIndex(index)
                    .column("x", Frames.values(r, kind, rows), dtypeOf(kind)).build();
            Object decoded = roundTripArg(frame);
            assertThat(decoded).isEqualTo(frame);
            assertThat(((DataFrame) decoded).dtype("x")).isEqualTo(frame.dtype("x"));
        }
    }

    private static String dtypeOf(String kind) {
        return switch (kind) {
            case "U" -> "<U20";
            case "S" -> "|S9";
            case "M8" -> "<M8[ns]";
            case "m8" -> "<m8[ns]";
            case "b1" -> "|b1";
            case "i1", "u1" -> "|" + kind;
            default -> "<" + kind;
        };
    }

    @Test
    void tzIndexNameNaNAndNonAsciiRoundTrip() {
        DataFrame frame = DataFrame.builder().datetimeIndex(INDEX, "America/New_York").indexName("date")
                .column("price", new double[] {Double.NaN, -0.0, 1.5})
                .column("名前", new String[] {"", "é", "😀 emoji"})
                .column("flag", new boolean[] {true, false, true}).build();
        DataFrame decoded = (DataFrame) roundTripArg(frame);
        assertThat(decoded).isEqualTo(frame);
        assertThat(decoded.indexTimezone()).isEqualTo("America/New_York");
        assertThat(decoded.indexName()).isEqualTo("date");
        assertThat(decoded.stringColumn("名前")).containsExactly("", "é", "😀 emoji");
        assertThat(Double.isNaN(decoded.doubleColumn("price")[0])).isTrue();
        assertThat(decoded.dtype("名前")).isEqualTo("<U7");
    }

    @Test
    void multiIndexWithUnnamedLevelsKeepsEachLevelsDtype() {
        DataFrame frame = DataFrame.builder().datetimeIndex(INDEX)
                .indexLevel(null, new long[] {1, 2, 3}, "<u8", null)
                .indexLevel(null, new long[] {4, 5, 6}, "<i8", null)
                .indexLevel("sym", new String[] {"A", "B", "C"})
                .column("v", new int[] {7, 8, 9}).build();
        DataFrame decoded = (DataFrame) roundTripArg(frame);
        assertThat(decoded).isEqualTo(frame);
        assertThat(decoded.indexLevelNames()).containsExactly(null, null, null, "sym");
        assertThat((long[]) decoded.indexLevel(2)).containsExactly(4, 5, 6);
    }

    @Test
    void rangeIndexAndZeroRowFramesRoundTrip() {
        DataFrame range = DataFrame.builder().column("a", new long[] {1, 2}).build();
        DataFrame empty = DataFrame.builder().datetimeIndex(new long[0], "UTC").column("a", new double[0])
                .column("s", new String[0]).build();
        DataFrame nothing = DataFrame.builder().build();
        assertThat(roundTripArg(range)).isEqualTo(range);
        assertThat(((DataFrame) roundTripArg(range)).isRangeIndex()).isTrue();
        assertThat(roundTripArg(empty)).isEqualTo(empty);
        assertThat(roundTripArg(nothing)).isEqualTo(nothing);
    }

    @Test
    void seriesRoundTripsAsASeries() {
        Series series = Series.of("px", INDEX, "Europe/London", new double[] {1, Double.NaN, 3});
        Series unnamed = Series.of(null, null, new String[] {"a", "bb", ""});
        assertThat(roundTripArg(series)).isInstanceOf(Series.class).isEqualTo(series);
        Series decoded = (Series) roundTripArg(unnamed);
        assertThat(decoded).isEqualTo(unnamed);
        assertThat(decoded.name()).isEqualTo(Series.DEFAULT_NAME);
    }

    @Test
    void ndArraysRoundTripPlainMultiDimensionalAndStructured() {
        NdArray matrix = NdArray.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        NdArray bytes = NdArray.of(new byte[] {1, (byte) 255}, "uint8", 2);
        NdArray empty = NdArray.of(new long[0], 0, 4);
        LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", new int[] {1, 2});
        fields.put("name", new String[] {"x", "yz"});
        NdArray records = NdArray.ofFields(fields);
        for (NdArray a : List.of(matrix, bytes, empty, records)) {
            NdArray decoded = (NdArray) roundTripArg(a);
            assertThat(decoded).isEqualTo(a);
            assertThat(decoded.shape()).isEqualTo(a.shape());
            assertThat(decoded.dtype()).isEqualTo(a.dtype());
        }
        assertThat(((NdArray) roundTripArg(records)).fieldNames()).containsExactly("id", "name");
    }

    @Test
    void versionedItemCarriesItsFrame() {
        DataFrame frame = Frames.floats(100, 3, 1);
        VersionedItem item = new VersionedItem("AAPL", "arctic_user.lib", frame, 5, Map.of("source", "feed"), "h");
        ResultEnvelope decoded = CODEC.decodeResult(CODEC.encodeResult(ResultEnvelope.success("r", item, null, null,
                "w")));
        WireValues.assertSameValue(item, decoded.value());
    }

    @Test
    void largeBlocksAreCompressedAndSmallOrIncompressibleOnesAreNot() {
        DataFrame big = DataFrame.builder().datetimeIndex(Frames.sortedNanos(new Random(1), 4096))
                .column("zeros", new double[4096]).build();
        assertThat(frameDoc(big).getString("codec").getValue()).isEqualTo("lz4");
        assertThat(frameDoc(big).getBinary("data").getData().length).isLessThan(frameDoc(big).getInt32("raw")
                .getValue());
        assertThat(roundTripArg(big)).isEqualTo(big);

        DataFrame small = DataFrame.builder().column("zeros", new double[100]).build();
        assertThat(frameDoc(small).getString("codec").getValue()).isEqualTo("none");

        byte[] noise = new byte[64 * 1024];
        new Random(2).nextBytes(noise);
        DataFrame random = DataFrame.builder().column("noise", noise).build();
        assertThat(frameDoc(random).getString("codec").getValue()).isEqualTo("none");
        assertThat(roundTripArg(random)).isEqualTo(random);

        EnvelopeCodec never = EnvelopeCodec.builder().compressionThreshold(Integer.MAX_VALUE).build();
        Object viaNever = never.decodeRequest(never.encodeRequest(request(List.of(big), Map.of()))).args().get(0);
        assertThat(viaNever).isEqualTo(big);
    }

    @Test
    void hotPathFrameRoundTripsAt256KiB() {
        DataFrame frame = Frames.floats(8192, 3, 7); // 8192 x (index + 3 columns) x 8 bytes = 256 KiB
        byte[] bytes = CODEC.encodeResult(ResultEnvelope.success("r", frame, null, null, null));
        assertThat(CODEC.decodeResult(bytes).value()).isEqualTo(frame);
        assertThat(bytes.length).isLessThan(256 * 1024 + 1024);
    }

    @Test
    void lz4RatioLieIsRejectedBeforeAllocating() {
        DataFrame big = DataFrame.builder().column("zeros", new double[4096]).build();
        BsonDocument env = envelopeWith(big);
        BsonDocument frame = env.getArray("args").get(0).asDocument();
        frame.put("raw", new BsonInt32(400 * 1024 * 1024));
        frame.getArray("cols").get(0).asDocument().put("len", new BsonInt32(400 * 1024 * 1024));
        assertThatThrownBy(() -> CODEC.decodeRequest(toBytes(env))).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("from an LZ4 block of only");
    }

    @Test
    void corruptLz4BlockIsRejected() {
        DataFrame big = DataFrame.builder().column("zeros", new double[4096]).build();
        BsonDocument env = envelopeWith(big);
        BsonDocument frame = env.getArray("args").get(0).asDocument();
        byte[] data = frame.getBinary("data").getData();
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) 0xF0;
        }
        frame.put("data", new BsonBinary(data));
        assertThatThrownBy(() -> CODEC.decodeRequest(toBytes(env))).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("LZ4");
    }

    @Test
    void inconsistentHeadersAreRejected() {
        DataFrame frame = DataFrame.builder().datetimeIndex(INDEX).column("b", new boolean[] {true, false, true})
                .build();
        BsonDocument env = envelopeWith(frame);
        BsonDocument doc = env.getArray("args").get(0).asDocument();
        doc.getArray("cols").get(0).asDocument().put("dtype", new BsonString("bool"));
        assertThatThrownBy(() -> CODEC.decodeRequest(toBytes(env))).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("not in canonical form");

        BsonDocument env2 = envelopeWith(frame);
        BsonDocument doc2 = env2.getArray("args").get(0).asDocument();
        byte[] data = doc2.getBinary("data").getData();
        data[data.length - 1] = 2;
        doc2.put("data", new BsonBinary(data));
        assertThatThrownBy(() -> CODEC.decodeRequest(toBytes(env2))).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("bool byte 2");

        BsonDocument env3 = envelopeWith(frame);
        env3.getArray("args").get(0).asDocument().put("rows", new BsonInt32(4));
        assertThatThrownBy(() -> CODEC.decodeRequest(toBytes(env3))).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("rows");

        BsonDocument env4 = envelopeWith(frame);
        env4.getArray("args").get(0).asDocument().getArray("cols").get(0).asDocument()
                .put("tz", new BsonString("UTC"));
        assertThatThrownBy(() -> CODEC.decodeRequest(toBytes(env4))).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("timezone");
    }

    private static BsonDocument envelopeWith(Object value) {
        return decodeRaw(CODEC.encodeRequest(request(List.of(value), Map.of())));
    }

    private static BsonDocument frameDoc(Object value) {
        return envelopeWith(value).getArray("args").get(0).asDocument();
    }
}
