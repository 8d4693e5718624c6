package io.github.arcticasync.internal.protocol;

import static io.github.arcticasync.internal.protocol.WireValues.assertSameValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.arcticasync.asynchronous.AsyncArcticException;
import io.github.arcticasync.asynchronous.RequestDurationException;
import io.github.arcticasync.asynchronous.RequestKind;
import io.github.arcticasync.store.DateRange;
import io.github.arcticasync.store.ListSymbolsOptions;
import io.github.arcticasync.store.NoDataFoundException;
import io.github.arcticasync.store.OverlappingDataException;
import io.github.arcticasync.store.ReadOptions;
import io.github.arcticasync.store.UnreadableItem;
import io.github.arcticasync.store.VersionInfo;
import io.github.arcticasync.store.VersionedItem;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.BsonBinaryWriter;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.EncoderContext;
import org.bson.io.BasicOutputBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EnvelopeCodecTest {
    private static final EnvelopeCodec CODEC = EnvelopeCodec.defaults();
    private static final Instant SUBMIT = Instant.parse("2024-03-01T10:15:30.123456789Z");

    static RequestEnvelope request(List<Object> args, Map<String, Object> kwargs) {
        return RequestEnvelope.of("req-1", "read", "arctic_user.prices", "AAPL", RequestKind.ACCESSOR, SUBMIT,
                SUBMIT.plusSeconds(30), args, kwargs);
    }

    static Object roundTripArg(Object value) {
        List<Object> args = new ArrayList<>();
        args.add(value);
        RequestEnvelope decoded = CODEC.decodeRequest(CODEC.encodeRequest(request(args, Map.of())));
        return decoded.args().get(0);
    }

    static List<Object> scalars() {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("z", 1);
        nested.put("a", Arrays.asList(null, "x", 2L));
        nested.put("", Map.of("deep", true));
        return Arrays.asList(null, true, false, 0, -7, Integer.MAX_VALUE, 1L, Long.MIN_VALUE, 0.5, Double.NaN,
                Double.NEGATIVE_INFINITY, -0.0, "", "plain", "non-ASCII: é 中文 😀", new byte[0],
                new byte[] {0, 1, -1, 127}, Instant.parse("1969-12-31T23:59:59.999999999Z"), Instant.EPOCH,
                new Date(1_700_000_000_123L), List.of(), Arrays.asList(1, "two", null, List.of(3.0)), Map.of(),
                nested);
    }

    @ParameterizedTest
    @MethodSource("scalars")
    void eachPlainValueTypeRoundTrips(Object value) {
        assertSameValue(value, roundTripArg(value));
    }

    static List<Object> storeValues() {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("source", "feed");
        meta.put("n", 3);
        return List.of(
                DateRange.of(Instant.parse("2020-01-01T00:00:00Z"), null),
                DateRange.ofNanos(5L, 9L, DateRange.Interval.OPEN_CLOSED),
                DateRange.ofNanos(null, null, DateRange.Interval.OPEN_OPEN),
                ReadOptions.latest(),
                ReadOptions.builder().asOf(3).fromVersion(2).dateRange(DateRange.ofNanos(1L, 2L,
                        DateRange.Interval.CLOSED_OPEN)).build(),
                ReadOptions.builder().asOf("eod").build(),
                ReadOptions.builder().asOf(Instant.parse("2021-05-05T05:05:05Z")).build(),
                ListSymbolsOptions.builder().regex("^A").snapshot("s").allSymbols(true).metadata("k", 1).build(),
                ListSymbolsOptions.all(),
                new VersionInfo("AAPL", 4, false, List.of("eod", "weekly"), Instant.parse("2022-02-02T02:02:02Z")),
                new VersionInfo("B", 1, true, List.of(), null),
                new VersionedItem("AAPL", "arctic_user.prices", null, 7, meta, "mongodb://h:27017"),
                new VersionedItem("AAPL", "lib", UnreadableItem.of("default", "pickled Python object",
                        new byte[] {(byte) 0x80, 4}), 1, Map.of(), null),
                UnreadableItem.of("blob", "why", null));
    }

    @ParameterizedTest
    @MethodSource("storeValues")
    void eachStoreValueTypeRoundTrips(Object value) {
        Object decoded = roundTripArg(value);
        assertSameValue(value, decoded);
        assertThat(decoded.toString()).isEqualTo(value.toString());
    }

    @Test
    void storeResultShapesRoundTrip() {
        Map<String, Map<String, Object>> snapshots = new LinkedHashMap<>();
        snapshots.put("eod", Map.of("why", "close"));
        snapshots.put("empty", Map.of());
        ResultEnvelope result = ResultEnvelope.success("r", snapshots, SUBMIT, SUBMIT.plusMillis(3), "worker-1");
        ResultEnvelope decoded = CODEC.decodeResult(CODEC.encodeResult(result));
        assertSameValue(snapshots, decoded.value());
        assertThat(decoded.valueOrThrow()).isEqualTo(snapshots);
    }

    @Test
    void requestRoundTripsEveryField() {
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("date_range", DateRange.ofNanos(1L, 2L, DateRange.Interval.CLOSED_CLOSED));
        kwargs.put("as_of", 3);
        kwargs.put("metadata", null);
        RequestEnvelope request = new RequestEnvelope("id-ü", "write", "lib", null, RequestKind.MODIFIER, SUBMIT, null,
                List.of("AAPL", 1.5), kwargs, 3);
        RequestEnvelope decoded = CODEC.decodeRequest(CODEC.encodeRequest(request));
        assertThat(decoded).isEqualTo(request);
        assertThat(decoded.kwargs().keySet()).containsExactly("date_range", "as_of", "metadata");
        assertThat(decoded.submitTime()).isEqualTo(Instant.parse("2024-03-01T10:15:30.123456Z"));
        assertThat(decoded.deadline()).isNull();
        assertThat(decoded.attempt()).isEqualTo(3);
        assertThat(decoded.withAttempt(4).attempt()).isEqualTo(4);
    }

    @Test
    void timesBeforeTheEpochKeepTheirMicroseconds() {
        Instant early = Instant.parse("1900-06-01T00:00:00.000001Z");
        RequestEnvelope request = RequestEnvelope.of("i", "read", "l", "s", RequestKind.ACCESSOR, early,
                Instant.parse("1969-12-31T23:59:59.999999Z"), List.of(), Map.of());
        assertThat(CODEC.decodeRequest(CODEC.encodeRequest(request))).isEqualTo(request);
    }

    @Test
    void envelopeStartsWithFormatVersionThenType() {
        RawBsonDocument doc = new RawBsonDocument(CODEC.encodeRequest(request(List.of(), Map.of())));
        assertThat(doc.getFirstKey()).isEqualTo("v");
        assertThat(doc.getInt32("v").getValue()).isEqualTo(EnvelopeCodec.FORMAT_VERSION);
        assertThat(new ArrayList<>(doc.keySet())).containsExactly("v", "type", "id", "op", "lib", "sym", "kind",
                "submit", "deadline", "attempt", "args", "kwargs");
        assertThat(doc.getString("kind").getValue()).isEqualTo("accessor");
        assertThat(doc.getInt64("submit").getValue()).isEqualTo(1709288130123456L);
    }

    @Test
    void unknownFormatVersionIsRejected() {
        BsonDocument doc = decodeRaw(CODEC.encodeRequest(request(List.of(), Map.of())));
        doc.put("v", new BsonInt32(2));
        assertThatThrownBy(() -> CODEC.decodeRequest(toBytes(doc))).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("format version 2 is not supported");
    }

    @Test
    void resultBytesAreNotARequest() {
        byte[] result = CODEC.encodeResult(ResultEnvelope.success("r", 1, null, null, null));
        assertThatThrownBy(() -> CODEC.decodeRequest(result)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("expected a request envelope, got 'result'");
    }

    @Test
    void unregisteredOperationIsRejectedBothWays() {
        EnvelopeCodec strict = EnvelopeCodec.builder().operations(Set.of("read")::contains).build();
        RequestEnvelope write = RequestEnvelope.of("i", "write", "l", "s", RequestKind.MODIFIER, SUBMIT, null,
                List.of(), Map.of());
        assertThatThrownBy(() -> strict.encodeRequest(write)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("unknown operation 'write'");
        byte[] bytes = CODEC.encodeRequest(write);
        assertThatThrownBy(() -> strict.decodeRequest(bytes)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("unknown operation 'write'");
        assertThat(strict.decodeRequest(CODEC.encodeRequest(request(List.of(), Map.of()))).operation())
                .isEqualTo("read");
    }

    @Test
    void unregisteredValueTypeIsRejectedOnEncode() {
        assertThatThrownBy(() -> CODEC.encodeRequest(request(List.of(new StringBuilder("x")), Map.of())))
                .isInstanceOf(ProtocolException.class)
                .hasMessageContaining("args[0] is a java.lang.StringBuilder, which has no wire type");
        assertThatThrownBy(() -> CODEC.encodeRequest(request(List.of(1.5f), Map.of())))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("java.lang.Float");
        assertThatThrownBy(() -> CODEC.encodeRequest(request(List.of(Map.of(1, "x")), Map.of())))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("only String keys");
    }

    @Test
    void unknownValueTagIsRejectedOnDecode() {
        BsonDocument doc = decodeRaw(CODEC.encodeRequest(request(List.of(), Map.of())));
        doc.getArray("args").add(new BsonDocument("t", new BsonString("java.io.File")));
        assertThatThrownBy(() -> CODEC.decodeRequest(toBytes(doc))).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("unregistered value tag 'java.io.File'");
    }

    @Test
    void nestingDeeperThanTheLimitIsRejected() {
        EnvelopeCodec shallow = EnvelopeCodec.builder().maxDepth(4).build();
        Object deep = List.of(List.of(List.of(List.of(List.of(List.of(1))))));
        assertThatThrownBy(() -> shallow.encodeRequest(request(List.of(deep), Map.of())))
                .isInstanceOf(ProtocolException.class).hasMessageContaining("deeper than the limit of 4");
        byte[] bytes = CODEC.encodeRequest(request(List.of(deep), Map.of()));
        assertThatThrownBy(() -> shallow.decodeRequest(bytes)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("deeper than the limit of 4");
    }

    @Test
    void envelopesOverTheSizeLimitAreRejected() {
        EnvelopeCodec small = EnvelopeCodec.builder().maxEnvelopeBytes(2048).build();
        RequestEnvelope big = request(List.of(new byte[4096]), Map.of());
        assertThatThrownBy(() -> small.encodeRequest(big)).isInstanceOf(ProtocolException.class);
        byte[] bytes = CODEC.encodeRequest(big);
        assertThatThrownBy(() -> small.decodeRequest(bytes)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("exceeds the limit of 2048");
    }

    @Test
    void trailingBytesAndWrongLengthsAreRejected() {
        byte[] ok = CODEC.encodeRequest(request(List.of(), Map.of()));
        byte[] longer = Arrays.copyOf(ok, ok.length + 1);
        assertThatThrownBy(() -> CODEC.decodeRequest(longer)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("declares " + ok.length + " bytes but has " + longer.length);
        assertThatThrownBy(() -> CODEC.decodeRequest(new byte[0])).isInstanceOf(ProtocolException.class);
    }

    @Test
    void hugeDeclaredBinaryLengthDoesNotAllocate() {
        byte[] bytes = CODEC.encodeRequest(request(List.of(new byte[] {1, 2, 3}), Map.of()));
        int at = indexOf(bytes, new byte[] {3, 0, 0, 0, 0, 1, 2, 3});
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(at, Integer.MAX_VALUE - 8);
        assertThatThrownBy(() -> CODEC.decodeRequest(bytes)).isInstanceOf(ProtocolException.class)
                .hasMessageContaining("declares 2147483639 binary bytes");
    }

    // ---------------------------------------------------------------- errors

    static List<RuntimeException> allowListedErrors() {
        return List.of(new NoDataFoundException("no symbol AAPL"), new OverlappingDataException("overlap"),
                new IllegalArgumentException("bad arg"), new IllegalStateException("state"),
                new AsyncArcticException("async"), new RequestDurationException("late"),
                new ProtocolException("wire"), new IllegalArgumentException((String) null));
    }

    @ParameterizedTest
    @MethodSource("allowListedErrors")
    void allowListedErrorsComeBackAsTheSameType(RuntimeException error) {
        ResultEnvelope result = ResultEnvelope.failure("r", error, SUBMIT, SUBMIT.plusMillis(1), "w");
        ResultEnvelope decoded = CODEC.decodeResult(CODEC.encodeResult(result));
        assertThat(decoded).isEqualTo(result);
        assertThat(decoded.isSuccess()).isFalse();
        RuntimeException rebuilt = decoded.error().toException();
        assertThat(rebuilt).isExactlyInstanceOf(error.getClass()).hasMessage(error.getMessage())
                .hasCauseInstanceOf(RemoteStackTrace.class);
        assertThat(rebuilt.getCause().getMessage()).contains(error.getClass().getName())
                .contains("EnvelopeCodecTest");
        assertThatThrownBy(decoded::valueOrThrow).isExactlyInstanceOf(error.getClass());
    }

    @Test
    void subclassOfAnAllowedTypeTravelsAsThatType() {
        class SymbolGone extends NoDataFoundException {
            SymbolGone() {
                super("gone");
            }
        }
        RemoteError error = RemoteError.of(new SymbolGone());
        assertThat(error.type()).isEqualTo(NoDataFoundException.class.getName());
        assertThat(error.originalType()).isEqualTo(SymbolGone.class.getName());
        assertThat(error.toException()).isExactlyInstanceOf(NoDataFoundException.class).hasMessage("gone");
    }

    @Test
    void unknownErrorTypesBecomeTheFallbackAndAreNeverInstantiated() {
        RemoteError fromWorker = RemoteError.of(new java.util.ConcurrentModificationException("cme"));
        assertThat(fromWorker.type()).isEqualTo("java.util.ConcurrentModificationException");
        RuntimeException rebuilt = CODEC.decodeResult(CODEC.encodeResult(new ResultEnvelope("r", null, fromWorker,
                null, null, null))).error().toException();
        assertThat(rebuilt).isExactlyInstanceOf(AsyncArcticException.class)
                .hasMessage("remote operation failed with java.util.ConcurrentModificationException: cme");

        RemoteError hostile = new RemoteError("java.lang.ProcessBuilder", "java.lang.ProcessBuilder", "x", "");
        assertThat(hostile.toException()).isExactlyInstanceOf(AsyncArcticException.class);
    }

    @Test
    void remoteStackIsCapped() {
        String stack = "x".repeat(RemoteError.MAX_STACK_CHARS * 2);
        RemoteError error = new RemoteError("a.B", "a.B", null, stack);
        assertThat(error.remoteStack()).hasSize(RemoteError.MAX_STACK_CHARS).endsWith("(remote stack truncated)");
    }

    @Test
    void resultWithNullValueAndNoTimesRoundTrips() {
        ResultEnvelope result = ResultEnvelope.success("r", null, null, null, null);
        ResultEnvelope decoded = CODEC.decodeResult(CODEC.encodeResult(result));
        assertThat(decoded).isEqualTo(result);
        assertThat(decoded.isSuccess()).isTrue();
        assertThat(decoded.valueOrThrow()).isNull();
    }

    @Test
    void envelopesValidateTheirArguments() {
        assertThatThrownBy(() -> RequestEnvelope.of("", "read", "l", "s", RequestKind.ACCESSOR, SUBMIT, null,
                List.of(), Map.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("requestId");
        assertThatThrownBy(() -> RequestEnvelope.of("i", "read", "l", "s", null, SUBMIT, null, List.of(), Map.of()))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("kind");
        assertThatThrownBy(() -> new ResultEnvelope("r", 1, RemoteError.of(new IllegalStateException()), null, null,
                null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EnvelopeCodec.builder().maxDepth(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxDepth");
    }

    // ---------------------------------------------------------------- helpers

    static BsonDocument decodeRaw(byte[] bytes) {
        return new RawBsonDocument(bytes).decode(new BsonDocumentCodec());
    }

    static byte[] toBytes(BsonDocument doc) {
        BasicOutputBuffer out = new BasicOutputBuffer();
        new BsonDocumentCodec().encode(new BsonBinaryWriter(out), doc, EncoderContext.builder().build());
        return out.toByteArray();
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("pattern not found");
    }
}
