package io.github.arcticasync.internal.protocol;

import io.github.arcticasync.asynchronous.RequestKind;
import io.github.arcticasync.store.VersionedItem;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.bson.BsonBinaryWriter;
import org.bson.BsonBinaryWriterSettings;
import org.bson.BsonSerializationException;
import org.bson.BsonType;
import org.bson.BsonWriterSettings;
import org.bson.io.BasicOutputBuffer;

/**
 * Turns {@link RequestEnvelope}s and {@link ResultEnvelope}s into versioned BSON bytes and back: the wire format of
 * the Redis transport, specified byte for byte in docs/protocol.md.
 *
 * <p>Decoding trusts nothing: every type, length and nesting level is checked against the input and the limits, only
 * registered operation names and value types decode, and malformed input of any kind ends in a
 * {@link ProtocolException} (never another exception, never an allocation larger than the input allows). No class is
 * ever loaded by name and Java serialization is never used. Instances are immutable and thread-safe.
 */
public final class EnvelopeCodec {
    /** The format version this codec writes and the only one it reads. */
    public static final int FORMAT_VERSION = 1;
    /** Largest envelope encoded or decoded by default. */
    public static final int DEFAULT_MAX_ENVELOPE_BYTES = 512 * 1024 * 1024;
    /** Deepest nesting of values (lists, maps, items) by default. */
    public static final int DEFAULT_MAX_DEPTH = 32;
    /** Column blocks at least this large are LZ4-compressed (when that makes them smaller) by default. */
    public static final int DEFAULT_COMPRESSION_THRESHOLD = 8 * 1024;
    /** Operation names accepted when no registry is given: identifiers of 1 to 64 ASCII letters, digits, '_'. */
    public static final Pattern DEFAULT_OPERATION_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

    static final String TYPE_REQUEST = "request";
    static final String TYPE_RESULT = "result";
    private static final String KIND_MODIFIER = "modifier";
    private static final String KIND_ACCESSOR = "accessor";
    private static final long MICROS_PER_SECOND = 1_000_000L;

    private static final EnvelopeCodec DEFAULTS = builder().build();

    private final int maxEnvelopeBytes;
    private final int maxDepth;
    private final int compressionThreshold;
    private final Predicate<String> operations;
    private final ValueCodec values;

    private EnvelopeCodec(Builder b) {
        this.maxEnvelopeBytes = b.maxEnvelopeBytes;
        this.maxDepth = b.maxDepth;
        this.compressionThreshold = b.compressionThreshold;
        this.operations = b.operations;
        this.values = new ValueCodec(new FrameCodec(b.compressionThreshold, b.maxEnvelopeBytes), b.maxDepth);
    }

    /** A codec with the default limits that accepts any well-formed operation name. */
    public static EnvelopeCodec defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public int maxEnvelopeBytes() {
        return maxEnvelopeBytes;
    }

    public int maxDepth() {
        return maxDepth;
    }

    public int compressionThreshold() {
        return compressionThreshold;
    }

    // ---------------------------------------------------------------- requests

    /** The request as BSON bytes; throws ProtocolException for an unregistered value type or an oversized envelope. */
    public byte[] encodeRequest(RequestEnvelope request) {
        Objects.requireNonNull(request, "request must not be null");
        if (!operations.test(request.operation())) {
            throw new ProtocolException("unknown operation '" + request.operation() + "'");
        }
        long hint = 0;
        for (Object arg : request.args()) {
            hint += sizeHint(arg);
        }
        for (Object arg : request.kwargs().values()) {
            hint += sizeHint(arg);
        }
        return encode(hint, w -> {
            w.writeString("type", TYPE_REQUEST);
            w.writeString("id", request.requestId());
            w.writeString("op", request.operation());
            w.writeString("lib", request.library());
            writeNullableString(w, "sym", request.symbol());
            w.writeString("kind", request.kind() == RequestKind.MODIFIER ? KIND_MODIFIER : KIND_ACCESSOR);
            w.writeInt64("submit", micros(request.submitTime()));
            writeNullableMicros(w, "deadline", request.deadline());
            w.writeInt32("attempt", request.attempt());
            w.writeName("args");
            values.write(w, request.args(), 0, "args");
            w.writeName("kwargs");
            values.writeEntries(w, request.kwargs(), 1, "kwargs");
        });
    }

    /** Decodes a request; throws ProtocolException naming the first problem with the bytes. */
    public RequestEnvelope decodeRequest(byte[] bytes) {
        return decode(bytes, TYPE_REQUEST, in -> {
            FieldWalker h = new FieldWalker(in, "request");
            String id = null;
            String op = null;
            String lib = null;
            String sym = null;
            RequestKind kind = null;
            Long submit = null;
            Long deadline = null;
            Integer attempt = null;
            List<?> args = null;
            Map<String, Object> kwargs = null;
            while (h.next()) {
                switch (h.name()) {
                    case "id" -> id = in.string("id");
                    case "op" -> op = in.string("op");
                    case "lib" -> lib = in.string("lib");
                    case "sym" -> sym = in.nullableString("sym");
                    case "kind" -> kind = kind(in.string("kind"));
                    case "submit" -> submit = in.int64("submit");
                    case "deadline" -> deadline = in.nullableInt64("deadline");
                    case "attempt" -> attempt = in.int32("attempt");
                    case "args" -> {
                        in.expect(BsonType.ARRAY, "args");
                        args = (List<?>) values.read(in, 0, "args");
                    }
                    case "kwargs" -> kwargs = values.readEntries(in, 1, "kwargs");
                    default -> in.skip(); // fields added within a format version are optional
                }
            }
            h.requireAll("id", "op", "lib", "sym", "kind", "submit", "deadline", "attempt", "args", "kwargs");
            if (!operations.test(op)) {
                throw new ProtocolException("unknown operation '" + FieldWalker.abbreviate(op) + "'");
            }
            try {
                return new RequestEnvelope(id, op, lib, sym, kind, instant(submit, "submit"),
                        deadline == null ? null : instant(deadline, "deadline"), new java.util.ArrayList<Object>(args), kwargs,
                        attempt);
            } catch (IllegalArgumentException e) {
                throw new ProtocolException("invalid request: " + e.getMessage(), e);
            }
        });
    }

    // ---------------------------------------------------------------- results

    /** The result as BSON bytes; throws ProtocolException for an unregistered value type or an oversized envelope. */
    public byte[] encodeResult(ResultEnvelope result) {
        Objects.requireNonNull(result, "result must not be null");
        return encode(sizeHint(result.value()), w -> {
            w.writeString("type", TYPE_RESULT);
            w.writeString("id", result.requestId());
            if (result.isSuccess()) {
                w.writeString("status", "ok");
                w.writeName("value");
                values.write(w, result.value(), 0, "value");
            } else {
                RemoteError e = result.error();
                w.writeString("status", "error");
                w.writeStartDocument("error");
                w.writeString("type", e.type());
                w.writeString("class", e.originalType());
                writeNullableString(w, "message", e.message());
                w.writeString("stack", e.remoteStack());
                w.writeEndDocument();
            }
            writeNullableMicros(w, "start", result.startTime());
            writeNullableMicros(w, "end", result.endTime());
            writeNullableString(w, "worker", result.workerId());
        });
    }

    /** Decodes a result; throws ProtocolException naming the first problem with the bytes. */
    public ResultEnvelope decodeResult(byte[] bytes) {
        return decode(bytes, TYPE_RESULT, in -> {
            FieldWalker h = new FieldWalker(in, "result");
            String id = null;
            String status = null;
            Object value = null;
            RemoteError error = null;
            Long start = null;
            Long end = null;
            String worker = null;
            while (h.next()) {
                switch (h.name()) {
                    case "id" -> id = in.string("id");
                    case "status" -> status = in.string("status");
                    case "value" -> value = values.read(in, 0, "value");
                    case "error" -> error = readError(in);
                    case "start" -> start = in.nullableInt64("start");
                    case "end" -> end = in.nullableInt64("end");
                    case "worker" -> worker = in.nullableString("worker");
                    default -> in.skip(); // fields added within a format version are optional
                }
            }
            h.requireAll("id", "status", "start", "end", "worker");
            boolean ok;
            switch (status) {
                case "ok" -> {
                    h.requireAll("value");
                    if (h.has("error")) {
                        throw new ProtocolException("result with status ok has an error field");
                    }
                    ok = true;
                }
                case "error" -> {
                    h.requireAll("error");
                    if (h.has("value")) {
                        throw new ProtocolException("result with status error has a value field");
                    }
                    ok = false;
                }
                default -> throw new ProtocolException("result has unknown status '" + FieldWalker.abbreviate(status) + "'");
            }
            try {
                return new ResultEnvelope(id, ok ? value : null, ok ? null : error,
                        start == null ? null : instant(start, "start"), end == null ? null : instant(end, "end"),
                        worker);
            } catch (IllegalArgumentException e) {
                throw new ProtocolException("invalid result: " + e.getMessage(), e);
            }
        });
    }

    private static RemoteError readError(WireReader in) {
        in.startDocument("error");
        String type = null;
        String originalType = null;
        String message = null;
        String stack = null;
        Set<String> seen = new HashSet<>();
        while (in.nextField()) {
            String f = in.name();
            if (!seen.add(f)) {
                throw new ProtocolException("error has field '" + f + "' twice");
            }
            switch (f) {
                case "type" -> type = in.string("error.type");
                case "class" -> originalType = in.string("error.class");
                case "message" -> message = in.nullableString("error.message");
                case "stack" -> stack = in.string("error.stack");
                default -> throw new ProtocolException("error has unknown field '" + f + "'");
            }
        }
        in.endDocument();
        if (!seen.containsAll(List.of("type", "class", "message", "stack"))) {
            throw new ProtocolException("error lacks one of type, class, message, stack");
        }
        try {
            return new RemoteError(type, originalType, message, stack);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException("invalid error: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- framing

    private interface Body {
        void write(BsonBinaryWriter w);
    }

    private interface Reader<T> {
        T read(WireReader in);
    }

    /** Output buffer size for a value: frames dominate, so presizing for them avoids regrowing a large buffer. */
    private static long sizeHint(Object value) {
        if (value instanceof VersionedItem item) {
            return sizeHint(item.data());
        }
        return FrameCodec.handles(value) ? FrameCodec.sizeHint(value) : 0;
    }

    private byte[] encode(long hint, Body body) {
        BasicOutputBuffer out = new BasicOutputBuffer((int) Math.min(maxEnvelopeBytes, 1024 + hint));
        try (BsonBinaryWriter w = new BsonBinaryWriter(new BsonWriterSettings(maxDepth + 8),
                new BsonBinaryWriterSettings(maxEnvelopeBytes), out)) {
            w.writeStartDocument();
            w.writeInt32("v", FORMAT_VERSION);
            body.write(w);
            w.writeEndDocument();
        } catch (BsonSerializationException e) {
            throw new ProtocolException("cannot encode envelope: " + e.getMessage(), e);
        }
        if (out.getSize() > maxEnvelopeBytes) {
            throw new ProtocolException("envelope of " + out.getSize() + " bytes exceeds the limit of "
                    + maxEnvelopeBytes);
        }
        return out.toByteArray();
    }

    private <T> T decode(byte[] bytes, String expectedType, Reader<T> body) {
        Objects.requireNonNull(bytes, "bytes must not be null");
        if (bytes.length > maxEnvelopeBytes) {
            throw new ProtocolException("envelope of " + bytes.length + " bytes exceeds the limit of "
                    + maxEnvelopeBytes);
        }
        if (bytes.length < 5) {
            throw new ProtocolException("envelope of " + bytes.length + " bytes is shorter than an empty document");
        }
        int declared = (bytes[0] & 0xFF) | (bytes[1] & 0xFF) << 8 | (bytes[2] & 0xFF) << 16 | (bytes[3] & 0xFF) << 24;
        if (declared != bytes.length) {
            throw new ProtocolException("envelope declares " + declared + " bytes but has " + bytes.length);
        }
        try (WireReader in = new WireReader(bytes, maxDepth)) {
            in.bson().readStartDocument();
            if (!in.nextField() || !"v".equals(in.name())) {
                throw new ProtocolException("envelope does not start with its format version field 'v'");
            }
            int version = in.int32("v");
            if (version != FORMAT_VERSION) {
                throw new ProtocolException("envelope format version " + version + " is not supported; this codec "
                        + "reads version " + FORMAT_VERSION);
            }
            if (!in.nextField() || !"type".equals(in.name())) {
                throw new ProtocolException("envelope lacks its 'type' field after 'v'");
            }
            String type = in.string("type");
            if (!expectedType.equals(type)) {
                throw new ProtocolException("expected a " + expectedType + " envelope, got '" + FieldWalker.abbreviate(type)
                        + "'");
            }
            T value = body.read(in);
            if (in.bson().getBsonInput().getPosition() != bytes.length) {
                throw new ProtocolException("envelope has bytes after its end");
            }
            return value;
        } catch (ProtocolException e) {
            throw e;
        } catch (RuntimeException e) {
            // The driver's reader reports malformed BSON with its own exceptions (and a few JDK ones); callers only
            // ever see ours. The fuzz tests check which causes occur.
            throw new ProtocolException("malformed " + expectedType + " envelope: " + e.getMessage(), e);
        }
    }


    // ---------------------------------------------------------------- helpers

    private static RequestKind kind(String s) {
        return switch (s) {
            case KIND_MODIFIER -> RequestKind.MODIFIER;
            case KIND_ACCESSOR -> RequestKind.ACCESSOR;
            default -> throw new ProtocolException("unknown request kind '" + FieldWalker.abbreviate(s) + "'");
        };
    }

    static long micros(Instant t) {
        try {
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), MICROS_PER_SECOND), t.getNano() / 1000);
        } catch (ArithmeticException e) {
            throw new ProtocolException("time " + t + " is outside the wire range (int64 microseconds)", e);
        }
    }

    static Instant instant(long micros, String field) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, MICROS_PER_SECOND),
                Math.floorMod(micros, MICROS_PER_SECOND) * 1000);
    }

    private static void writeNullableMicros(BsonBinaryWriter w, String name, Instant t) {
        if (t == null) {
            w.writeNull(name);
        } else {
            w.writeInt64(name, micros(t));
        }
    }

    private static void writeNullableString(BsonBinaryWriter w, String name, String value) {
        if (value == null) {
            w.writeNull(name);
        } else {
            w.writeString(name, value);
        }
    }


    /** Builds an {@link EnvelopeCodec}; each setter validates its argument. */
    public static final class Builder {
        private int maxEnvelopeBytes = DEFAULT_MAX_ENVELOPE_BYTES;
        private int maxDepth = DEFAULT_MAX_DEPTH;
        private int compressionThreshold = DEFAULT_COMPRESSION_THRESHOLD;
        private Predicate<String> operations = name -> DEFAULT_OPERATION_NAME.matcher(name).matches();

        private Builder() {
        }

        /** Largest envelope, in bytes, that is encoded or decoded (at least 1 KiB). */
        public Builder maxEnvelopeBytes(int bytes) {
            if (bytes < 1024) {
                throw new IllegalArgumentException("maxEnvelopeBytes must be at least 1024, was " + bytes);
            }
            this.maxEnvelopeBytes = bytes;
            return this;
        }

        /** Deepest nesting of values (1 to 256). */
        public Builder maxDepth(int depth) {
            if (depth < 1 || depth > 256) {
                throw new IllegalArgumentException("maxDepth must be between 1 and 256, was " + depth);
            }
            this.maxDepth = depth;
            return this;
        }

        /** Column blocks of at least this many bytes are LZ4-compressed; {@link Integer#MAX_VALUE} disables it. */
        public Builder compressionThreshold(int bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("compressionThreshold must not be negative, was " + bytes);
            }
            this.compressionThreshold = bytes;
            return this;
        }

        /**
         * Which operation names encode and decode, typically the operation registry's lookup; names outside it are a
         * ProtocolException. The name must also be a plain identifier ({@link #DEFAULT_OPERATION_NAME}).
         */
        public Builder operations(Predicate<String> registered) {
            Objects.requireNonNull(registered, "operations predicate must not be null");
            this.operations = name -> DEFAULT_OPERATION_NAME.matcher(name).matches() && registered.test(name);
            return this;
        }

        public EnvelopeCodec build() {
            return new EnvelopeCodec(this);
        }
    }
}
