package io.github.arcticasync.internal.protocol;

import static io.github.arcticasync.internal.protocol.WireValues.assertSameValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.github.arcticasync.asynchronous.RequestKind;
import io.github.arcticasync.store.DataFrame;
import io.github.arcticasync.store.DateRange;
import io.github.arcticasync.store.NoDataFoundException;
import io.github.arcticasync.store.ReadOptions;
import io.github.arcticasync.store.VersionInfo;
import io.github.arcticasync.store.VersionedItem;
import java.nio.BufferOverflowException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Properties of the wire codec: every random value round-trips exactly, and no byte string, random or a mutation of
 * a valid envelope, makes the decoder throw anything but {@link ProtocolException}.
 */
class EnvelopeCodecPropertiesTest {
    private static final EnvelopeCodec CODEC = EnvelopeCodec.builder().compressionThreshold(512).build();
    private static final List<Class<? extends Throwable>> BUG_CAUSES = List.of(NullPointerException.class,
            IndexOutOfBoundsException.class, ClassCastException.class, BufferUnderflowException.class,
            BufferOverflowException.class, NegativeArraySizeException.class, ArithmeticException.class,
            UnsupportedOperationException.class);

    // ---------------------------------------------------------------- round trips

    @Property(tries = 300)
    void randomFramesRoundTripExactly(@ForAll("seeds") long seed) {
        DataFrame frame = Frames.frame(new Random(seed));
        Object viaRequest = CODEC.decodeRequest(CODEC.encodeRequest(EnvelopeCodecTest.request(List.of(frame),
                Map.of()))).args().get(0);
        assertThat(viaRequest).isEqualTo(frame);
        byte[] result = CODEC.encodeResult(ResultEnvelope.success("r", frame, null, null, null));
        Object viaResult = CODEC.decodeResult(result).value();
        assertThat(viaResult).isEqualTo(frame);
        // Encoding is deterministic: the decoded frame encodes to the same bytes.
        assertThat(CODEC.encodeResult(ResultEnvelope.success("r", viaResult, null, null, null))).isEqualTo(result);
    }

    @Property(tries = 200)
    void randomSeriesAndArraysRoundTripExactly(@ForAll("seeds") long seed) {
        Random r = new Random(seed);
        Object value = r.nextBoolean() ? Frames.series(r) : Frames.array(r);
        Object decoded = CODEC.decodeResult(CODEC.encodeResult(ResultEnvelope.success("r", value, null, null,
                null))).value();
        assertThat(decoded).isEqualTo(value);
    }

    @Property(tries = 300)
    void randomEnvelopesRoundTrip(@ForAll("seeds") long seed) {
        Random r = new Random(seed);
        RequestEnvelope request = randomRequest(r);
        RequestEnvelope decoded = CODEC.decodeRequest(CODEC.encodeRequest(request));
        assertThat(decoded.requestId()).isEqualTo(request.requestId());
        assertThat(decoded.submitTime()).isEqualTo(request.submitTime());
        assertThat(decoded.deadline()).isEqualTo(request.deadline());
        assertThat(decoded.kind()).isEqualTo(request.kind());
        assertThat(decoded.attempt()).isEqualTo(request.attempt());
        assertSameValue(request.args(), decoded.args());
        assertSameValue(request.kwargs(), decoded.kwargs());

        ResultEnvelope result = r.nextBoolean()
                ? ResultEnvelope.success(request.requestId(), randomValue(r, 0), request.submitTime(), null, "w")
                : ResultEnvelope.failure(request.requestId(), new NoDataFoundException("no " + seed), null,
                        request.submitTime(), null);
        ResultEnvelope back = CODEC.decodeResult(CODEC.encodeResult(result));
        assertSameValue(result.value(), back.value());
        assertThat(back.error()).isEqualTo(result.error());
        assertThat(back.startTime()).isEqualTo(result.startTime());
    }

    // ---------------------------------------------------------------- hostile bytes

    @Property(tries = 1000)
    void randomBytesOnlyEverThrowProtocolException(@ForAll @Size(max = 2048) byte[] bytes) {
        decodeBoth(bytes);
        // Again with a correct length prefix, so the decoder gets past the first check.
        if (bytes.length >= 5) {
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(0, bytes.length);
            decodeBoth(bytes);
        }
    }

    @Property(tries = 1000)
    void randomTailsBehindAValidHeaderOnlyEverThrowProtocolException(@ForAll @Size(max = 1024) byte[] tail) {
        byte[] head = CODEC.encodeRequest(EnvelopeCodecTest.request(List.of(), Map.of()));
        // Keep "v" and "type" (the first 4 + 11 + 20 bytes), replace the rest.
        int keep = 4 + 11 + 20;
        byte[] bytes = new byte[keep + tail.length];
        System.arraycopy(head, 0, bytes, 0, keep);
        System.arraycopy(tail, 0, bytes, keep, tail.length);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(0, bytes.length);
        decodeBoth(bytes);
    }

    @Property(tries = 1500)
    void mutatedEncodingsDecodeOrThrowProtocolException(@ForAll("seeds") long seed) {
        Random r = new Random(seed);
        byte[] valid = r.nextBoolean() ? richRequest(r) : richResult(r);
        byte[] mutated = mutate(valid, r);
        decodeBoth(mutated);
    }

    private static void decodeBoth(byte[] bytes) {
        decodeSafely(bytes, true);
        decodeSafely(bytes, false);
    }

    private static void decodeSafely(byte[] bytes, boolean request) {
        try {
            Object decoded = request ? CODEC.decodeRequest(bytes) : CODEC.decodeResult(bytes);
            assertThat(decoded).isNotNull();
        } catch (ProtocolException e) {
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                for (Class<? extends Throwable> bug : BUG_CAUSES) {
                    if (bug.isInstance(c)) {
                        fail("decoder hid a " + c + " behind a ProtocolException: not hardened here", e);
                    }
                }
            }
        } catch (RuntimeException | Error e) {
            fail("decoder threw " + e + " instead of ProtocolException", e);
        }
    }

    static byte[] mutate(byte[] valid, Random r) {
        byte[] b = valid.clone();
        switch (r.nextInt(6)) {
            case 0 -> { // bit flips
                int flips = 1 + r.nextInt(8);
                for (int i = 0; i < flips; i++) {
                    int at = r.nextInt(b.length);
                    b[at] ^= (byte) (1 << r.nextInt(8));
                }
            }
            case 1 -> { // truncation, length prefix fixed up so decoding goes deep
                b = java.util.Arrays.copyOf(b, r.nextInt(b.length));
                if (b.length >= 4) {
                    ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(0, b.length);
                }
            }
            case 2 -> { // an int32 somewhere inflated: lengths, counts, sizes
                int at = 4 + r.nextInt(Math.max(1, b.length - 8));
                int value = switch (r.nextInt(4)) {
                    case 0 -> Integer.MAX_VALUE;
                    case 1 -> Integer.MAX_VALUE - r.nextInt(64);
                    case 2 -> -1 - r.nextInt(16);
                    default -> ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(at) + 1 + r.nextInt(4096);
                };
                ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(at, value);
            }
            case 3 -> { // random bytes overwritten
                int at = r.nextInt(b.length);
                int n = Math.min(b.length - at, 1 + r.nextInt(16));
                for (int i = 0; i < n; i++) {
                    b[at + i] = (byte) r.nextInt();
                }
            }
            case 4 -> { // a byte removed (everything after shifts), prefix fixed up
                int at = 4 + r.nextInt(b.length - 4);
                byte[] c = new byte[b.length - 1];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(b, at + 1, c, at, b.length - at - 1);
                ByteBuffer.wrap(c).order(ByteOrder.LITTLE_ENDIAN).putInt(0, c.length);
                b = c;
            }
            default -> { // a BSON type byte changed to another valid type
                int at = 4 + r.nextInt(b.length - 4);
                byte[] types = {0x01, 0x02, 0x03, 0x04, 0x05, 0x08, 0x09, 0x0A, 0x0B, 0x0D, 0x0F, 0x10, 0x11, 0x12,
                    0x13, (byte) 0xFF, 0x7F};
                b[at] = types[r.nextInt(types.length)];
            }
        }
        return b;
    }

    // ---------------------------------------------------------------- generators

    @Provide
    Arbitrary<Long> seeds() {
        return Arbitraries.longs();
    }

    private static byte[] richRequest(Random r) {
        List<Object> args = new ArrayList<>();
        args.add("AAPL");
        args.add(r.nextBoolean() ? Frames.frame(r) : Frames.array(r));
        args.add(randomValue(r, 0));
        Map<String, Object> kwargs = new LinkedHashMap<>();
        kwargs.put("date_range", DateRange.ofNanos(1L, 5L, DateRange.Interval.CLOSED_OPEN));
        kwargs.put("options", ReadOptions.builder().asOf(2).build());
        kwargs.put("metadata", Map.of("k", List.of(1, "x")));
        return CODEC.encodeRequest(RequestEnvelope.of("id" + r.nextInt(), "write", "lib", "AAPL",
                RequestKind.MODIFIER, Instant.ofEpochSecond(r.nextInt()), null, args, kwargs));
    }

    private static byte[] richResult(Random r) {
        Object value = switch (r.nextInt(4)) {
            case 0 -> new VersionedItem("AAPL", "lib", Frames.frame(r), 3, Map.of("a", 1), "h");
            case 1 -> List.of(new VersionInfo("AAPL", 2, false, List.of("s"), Instant.EPOCH));
            case 2 -> Frames.series(r);
            default -> null;
        };
        ResultEnvelope result = value == null
                ? ResultEnvelope.failure("id", new NoDataFoundException("missing"), Instant.EPOCH, Instant.EPOCH, "w")
                : ResultEnvelope.success("id", value, Instant.EPOCH, null, "w");
        return CODEC.encodeResult(result);
    }

    static RequestEnvelope randomRequest(Random r) {
        int n = r.nextInt(4);
        List<Object> args = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            args.add(randomValue(r, 0));
        }
        Map<String, Object> kwargs = new LinkedHashMap<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            kwargs.put(randomString(r), randomValue(r, 0));
        }
        Instant submit = Instant.ofEpochSecond(r.nextInt(), r.nextInt(1_000_000_000));
        return new RequestEnvelope(randomString(r) + "id", r.nextBoolean() ? "read" : "write_metadata",
                "arctic_user." + randomString(r) + "x", r.nextBoolean() ? null : randomString(r),
                r.nextBoolean() ? RequestKind.MODIFIER : RequestKind.ACCESSOR, submit,
                r.nextBoolean() ? null : submit.plusNanos(r.nextInt(Integer.MAX_VALUE)), args, kwargs,
                1 + r.nextInt(10));
    }

    static Object randomValue(Random r, int depth) {
        int choice = r.nextInt(depth >= 3 ? 10 : 16);
        return switch (choice) {
            case 0 -> null;
            case 1 -> r.nextBoolean();
            case 2 -> r.nextInt();
            case 3 -> r.nextLong();
            case 4 -> r.nextInt(8) == 0 ? Double.NaN : r.nextDouble() * 1e9 - 5e8;
            case 5 -> randomString(r);
            case 6 -> {
                byte[] b = new byte[r.nextInt(40)];
                r.nextBytes(b);
                yield b;
            }
            case 7 -> Instant.ofEpochSecond(r.nextInt(), r.nextInt(1_000_000_000));
            case 8 -> DateRange.ofNanos(r.nextBoolean() ? null : (long) r.nextInt(), null,
                    DateRange.Interval.values()[r.nextInt(4)]);
            case 9 -> new java.util.Date(r.nextLong() >> 20);
            case 10, 11 -> {
                List<Object> list = new ArrayList<>();
                for (int i = r.nextInt(5); i > 0; i--) {
                    list.add(randomValue(r, depth + 1));
                }
                yield list;
            }
            case 12, 13 -> {
                Map<String, Object> map = new LinkedHashMap<>();
                for (int i = r.nextInt(5); i > 0; i--) {
                    map.put(randomString(r), randomValue(r, depth + 1));
                }
                yield map;
            }
            case 14 -> Frames.frame(r);
            default -> new VersionedItem(randomString(r), "lib", r.nextBoolean() ? Frames.array(r) : null,
                    1 + r.nextInt(100), Map.of("m", randomString(r)), null);
        };
    }

    static String randomString(Random r) {
        String[] parts = {"", "a", "Z", "é", "中", "😀", " ", "$", ".", "_", "\t", "long-ish text"};
        StringBuilder sb = new StringBuilder();
        for (int i = r.nextInt(6); i > 0; i--) {
            sb.append(parts[r.nextInt(parts.length)]);
        }
        return sb.toString();
    }
}
