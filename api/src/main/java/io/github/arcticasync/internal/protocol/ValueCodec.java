package io.github.arcticasync.internal.protocol;

import io.github.arcticasync.store.DateRange;
import io.github.arcticasync.store.ListSymbolsOptions;
import io.github.arcticasync.store.ReadOptions;
import io.github.arcticasync.store.UnreadableItem;
import io.github.arcticasync.store.VersionInfo;
import io.github.arcticasync.store.VersionedItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonBinary;
import org.bson.BsonBinaryWriter;
import org.bson.BsonType;

/**
 * The registry of value types that may travel as operation arguments and results, and their BSON form.
 *
 * <p>Scalars use BSON's own types (null, boolean, int32, int64, double, string, generic binary for {@code byte[]}),
 * lists are BSON arrays, and every other type is a BSON document whose first field {@code t} names its tag
 * ({@code map}, {@code instant}, {@code frame}, ...). Only the types listed here encode or decode; anything else is a
 * {@link ProtocolException}. The tags and fields are specified in docs/protocol.md ("Values").
 */
final class ValueCodec {
    static final String TAG_MAP = "map";
    static final String TAG_INSTANT = "instant";
    static final String TAG_DATE = "date";
    static final String TAG_DATE_RANGE = "daterange";
    static final String TAG_VERSIONED_ITEM = "vitem";
    static final String TAG_VERSION_INFO = "vinfo";
    static final String TAG_READ_OPTIONS = "readopts";
    static final String TAG_LIST_SYMBOLS_OPTIONS = "lsopts";
    static final String TAG_UNREADABLE = "unreadable";

    private final FrameCodec frames;
    private final int maxDepth;

    ValueCodec(FrameCodec frames, int maxDepth) {
        this.frames = frames;
        this.maxDepth = maxDepth;
    }

    // ---------------------------------------------------------------- writing

    /** Writes {@code value} as the current BSON value (the field name already written). */
    void write(BsonBinaryWriter w, Object value, int depth, String path) {
        if (depth > maxDepth) {
            throw new ProtocolException(path + " nests deeper than the limit of " + maxDepth + " levels");
        }
        if (value == null) {
            w.writeNull();
        } else if (value instanceof Boolean b) {
            w.writeBoolean(b);
        } else if (value instanceof Integer i) {
            w.writeInt32(i);
        } else if (value instanceof Long l) {
            w.writeInt64(l);
        } else if (value instanceof Double d) {
            w.writeDouble(d);
        } else if (value instanceof String s) {
            w.writeString(s);
        } else if (value instanceof byte[] bytes) {
            w.writeBinaryData(new BsonBinary(bytes));
        } else if (value instanceof List<?> list) {
            w.writeStartArray();
            int i = 0;
            for (Object element : list) {
                write(w, element, depth + 1, path + "[" + i++ + "]");
            }
            w.writeEndArray();
        } else if (value instanceof Map<?, ?> map) {
            w.writeStartDocument();
            w.writeString("t", TAG_MAP);
            w.writeName("v");
            writeEntries(w, map, depth + 1, path);
            w.writeEndDocument();
        } else if (value instanceof Instant instant) {
            w.writeStartDocument();
            w.writeString("t", TAG_INSTANT);
            w.writeInt64("s", instant.getEpochSecond());
            w.writeInt32("n", instant.getNano());
            w.writeEndDocument();
        } else if (value instanceof Date date) {
            w.writeStartDocument();
            w.writeString("t", TAG_DATE);
            w.writeInt64("ms", date.getTime());
            w.writeEndDocument();
        } else if (FrameCodec.handles(value)) {
            frames.write(w, value);
        } else if (value instanceof DateRange range) {
            w.writeStartDocument();
            w.writeString("t", TAG_DATE_RANGE);
            writeNullableInt64(w, "start", range.startNanos());
            writeNullableInt64(w, "end", range.endNanos());
            w.writeString("interval", range.interval().name());
            w.writeEndDocument();
        } else if (value instanceof VersionedItem item) {
            w.writeStartDocument();
            w.writeString("t", TAG_VERSIONED_ITEM);
            writeNullableString(w, "symbol", item.symbol());
            writeNullableString(w, "library", item.library());
            w.writeInt32("version", item.version());
            w.writeName("data");
            write(w, item.data(), depth + 1, path + ".data");
            w.writeName("metadata");
            writeEntries(w, item.metadata(), depth + 1, path + ".metadata");
            writeNullableString(w, "host", item.host());
            w.writeEndDocument();
        } else if (value instanceof VersionInfo info) {
            w.writeStartDocument();
            w.writeString("t", TAG_VERSION_INFO);
            writeNullableString(w, "symbol", info.symbol());
            w.writeInt32("version", info.version());
            w.writeBoolean("deleted", info.deleted());
            w.writeStartArray("snapshots");
            for (String s : info.snapshots()) {
                w.writeString(s);
            }
            w.writeEndArray();
            w.writeName("createdAt");
            write(w, info.createdAt(), depth + 1, path + ".createdAt");
            w.writeEndDocument();
        } else if (value instanceof ReadOptions options) {
            w.writeStartDocument();
            w.writeString("t", TAG_READ_OPTIONS);
            writeNullableInt32(w, "asOfVersion", options.asOfVersion());
            writeNullableString(w, "asOfSnapshot", options.asOfSnapshot());
            w.writeName("asOfTime");
            write(w, options.asOfTime(), depth + 1, path + ".asOfTime");
            w.writeName("dateRange");
            write(w, options.dateRange(), depth + 1, path + ".dateRange");
            writeNullableInt32(w, "fromVersion", options.fromVersion());
            w.writeEndDocument();
        } else if (value instanceof ListSymbolsOptions options) {
            w.writeStartDocument();
            w.writeString("t", TAG_LIST_SYMBOLS_OPTIONS);
            writeNullableString(w, "regex", options.regex());
            writeNullableString(w, "snapshot", options.snapshot());
            w.writeBoolean("allSymbols", options.allSymbols());
            w.writeName("metadata");
            writeEntries(w, options.metadata(), depth + 1, path + ".metadata");
            w.writeEndDocument();
        } else if (value instanceof UnreadableItem item) {
            w.writeStartDocument();
            w.writeString("t", TAG_UNREADABLE);
            w.writeString("storedType", item.storedType());
            w.writeString("reason", item.reason());
            byte[] raw = item.rawBytes();
            if (raw == null) {
                w.writeNull("raw");
            } else {
                w.writeBinaryData("raw", new BsonBinary(raw));
            }
            w.writeEndDocument();
        } else {
            throw new ProtocolException(path + " is a " + value.getClass().getName()
                    + ", which has no wire type (see docs/protocol.md for the registered value types)");
        }
    }

    /** Writes a map's entries as one BSON document, keys in iteration order. */
    void writeEntries(BsonBinaryWriter w, Map<?, ?> map, int depth, String path) {
        if (depth > maxDepth) {
            throw new ProtocolException(path + " nests deeper than the limit of " + maxDepth + " levels");
        }
        w.writeStartDocument();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String key)) {
                throw new ProtocolException(path + " has a key of type "
                        + (e.getKey() == null ? "null" : e.getKey().getClass().getName()) + "; only String keys travel");
            }
            if (key.indexOf('\0') >= 0) {
                throw new ProtocolException(path + " has a key containing a NUL character, which BSON cannot hold");
            }
            w.writeName(key);
            write(w, e.getValue(), depth + 1, path + "." + key);
        }
        w.writeEndDocument();
    }

    private static void writeNullableString(BsonBinaryWriter w, String name, String value) {
        if (value == null) {
            w.writeNull(name);
        } else {
            w.writeString(name, value);
        }
    }

    private static void writeNullableInt64(BsonBinaryWriter w, String name, Long value) {
        if (value == null) {
            w.writeNull(name);
        } else {
            w.writeInt64(name, value);
        }
    }

    private static void writeNullableInt32(BsonBinaryWriter w, String name, Integer value) {
        if (value == null) {
            w.writeNull(name);
        } else {
            w.writeInt32(name, value);
        }
    }

    // ---------------------------------------------------------------- reading

    /** Reads the current BSON value (its type already read) as a registered value. */
    Object read(WireReader in, int depth, String path) {
        in.checkDepth(depth);
        BsonType type = in.type();
        switch (type) {
            case NULL -> {
                in.bson().readNull();
                return null;
            }
            case BOOLEAN -> {
                return in.bson().readBoolean();
            }
            case INT32 -> {
                return in.bson().readInt32();
            }
            case INT64 -> {
                return in.bson().readInt64();
            }
            case DOUBLE -> {
                return in.bson().readDouble();
            }
            case STRING -> {
                return in.bson().readString();
            }
            case BINARY -> {
                return in.binary(path);
            }
            case ARRAY -> {
                in.bson().readStartArray();
                List<Object> list = new ArrayList<>();
                while (in.nextElement()) {
                    list.add(read(in, depth + 1, path + "[" + list.size() + "]"));
                }
                in.endArray();
                return Collections.unmodifiableList(list);
            }
            case DOCUMENT -> {
                return readTagged(in, depth, path);
            }
            default -> throw new ProtocolException(path + " is BSON " + type + ", which is not a registered value");
        }
    }

    private Object readTagged(WireReader in, int depth, String path) {
        in.bson().readStartDocument();
        if (!in.nextField() || !"t".equals(in.name())) {
            throw new ProtocolException(path + " is a document whose first field is not its tag 't'");
        }
        String tag = in.string(path + ".t");
        FieldWalker f = new FieldWalker(in, path + "(" + tag + ")");
        switch (tag) {
            case TAG_MAP -> {
                Map<String, Object> map = null;
                while (f.next()) {
                    if (f.is("v")) {
                        map = readEntries(in, depth + 1, path);
                    } else {
                        throw f.unknown();
                    }
                }
                return f.end(map, "v");
            }
            case TAG_INSTANT -> {
                Long seconds = null;
                Integer nanos = null;
                while (f.next()) {
                    if (f.is("s")) {
                        seconds = in.int64("s");
                    } else if (f.is("n")) {
                        nanos = in.int32("n");
                    } else {
                        throw f.unknown();
                    }
                }
                f.end(seconds, "s");
                f.end(nanos, "n");
                if (nanos < 0 || nanos > 999_999_999 || seconds < Instant.MIN.getEpochSecond()
                        || seconds > Instant.MAX.getEpochSecond()) {
                    throw new ProtocolException(path + " is not a valid instant: " + seconds + "s + " + nanos + "ns");
                }
                return Instant.ofEpochSecond(seconds, nanos);
            }
            case TAG_DATE -> {
                Long millis = null;
                while (f.next()) {
                    if (f.is("ms")) {
                        millis = in.int64("ms");
                    } else {
                        throw f.unknown();
                    }
                }
                return new Date(f.end(millis, "ms"));
            }
            case FrameCodec.TAG_FRAME, FrameCodec.TAG_SERIES, FrameCodec.TAG_NDARRAY -> {
                return frames.read(in, tag);
            }
            case TAG_DATE_RANGE -> {
                Long start = null;
                Long end = null;
                String interval = null;
                while (f.next()) {
                    switch (f.name()) {
                        case "start" -> start = in.nullableInt64("start");
                        case "end" -> end = in.nullableInt64("end");
                        case "interval" -> interval = in.string("interval");
                        default -> throw f.unknown();
                    }
                }
                f.requireAll("start", "end", "interval");
                DateRange.Interval kind;
                try {
                    kind = DateRange.Interval.valueOf(interval);
                } catch (IllegalArgumentException e) {
                    throw new ProtocolException(path + " has unknown interval '" + interval + "'");
                }
                Long from = start;
                Long to = end;
                return invalidAsProtocol(() -> DateRange.ofNanos(from, to, kind), path);
            }
            case TAG_VERSIONED_ITEM -> {
                String symbol = null;
                String library = null;
                Integer version = null;
                Object data = null;
                Map<String, Object> metadata = null;
                String host = null;
                while (f.next()) {
                    switch (f.name()) {
                        case "symbol" -> symbol = in.nullableString("symbol");
                        case "library" -> library = in.nullableString("library");
                        case "version" -> version = in.int32("version");
                        case "data" -> data = read(in, depth + 1, path + ".data");
                        case "metadata" -> metadata = readEntries(in, depth + 1, path + ".metadata");
                        case "host" -> host = in.nullableString("host");
                        default -> throw f.unknown();
                    }
                }
                f.requireAll("symbol", "library", "version", "data", "metadata", "host");
                return new VersionedItem(symbol, library, data, version, metadata, host);
            }
            case TAG_VERSION_INFO -> {
                String symbol = null;
                Integer version = null;
                Boolean deleted = null;
                List<String> snapshots = null;
                Object createdAt = null;
                while (f.next()) {
                    switch (f.name()) {
                        case "symbol" -> symbol = in.nullableString("symbol");
                        case "version" -> version = in.int32("version");
                        case "deleted" -> deleted = in.bool("deleted");
                        case "snapshots" -> snapshots = readStrings(in, path + ".snapshots");
                        case "createdAt" -> createdAt = read(in, depth + 1, path + ".createdAt");
                        default -> throw f.unknown();
                    }
                }
                f.requireAll("symbol", "version", "deleted", "snapshots", "createdAt");
                if (createdAt != null && !(createdAt instanceof Instant)) {
                    throw new ProtocolException(path + ".createdAt must be an instant or null");
                }
                return new VersionInfo(symbol, version, deleted, snapshots, (Instant) createdAt);
            }
            case TAG_READ_OPTIONS -> {
                return readReadOptions(in, f, depth, path);
            }
            case TAG_LIST_SYMBOLS_OPTIONS -> {
                String regex = null;
                String snapshot = null;
                Boolean all = null;
                Map<String, Object> metadata = null;
                while (f.next()) {
                    switch (f.name()) {
                        case "regex" -> regex = in.nullableString("regex");
                        case "snapshot" -> snapshot = in.nullableString("snapshot");
                        case "allSymbols" -> all = in.bool("allSymbols");
                        case "metadata" -> metadata = readEntries(in, depth + 1, path + ".metadata");
                        default -> throw f.unknown();
                    }
                }
                f.requireAll("regex", "snapshot", "allSymbols", "metadata");
                boolean allSymbols = all;
                Map<String, Object> meta = metadata;
                String re = regex;
                String snap = snapshot;
                return invalidAsProtocol(() -> new ListSymbolsOptions(re, snap, allSymbols, meta), path);
            }
            case TAG_UNREADABLE -> {
                String storedType = null;
                String reason = null;
                byte[] raw = null;
                while (f.next()) {
                    switch (f.name()) {
                        case "storedType" -> storedType = in.string("storedType");
                        case "reason" -> reason = in.string("reason");
                        case "raw" -> raw = in.type() == BsonType.NULL ? readNull(in) : in.binary("raw");
                        default -> throw f.unknown();
                    }
                }
                f.requireAll("storedType", "reason", "raw");
                return UnreadableItem.of(storedType, reason, raw);
            }
            default -> throw new ProtocolException(path + " has unregistered value tag '" + tag + "'");
        }
    }

    private Object readReadOptions(WireReader in, FieldWalker f, int depth, String path) {
        Integer asOfVersion = null;
        String asOfSnapshot = null;
        Object asOfTime = null;
        Object dateRange = null;
        Integer fromVersion = null;
        while (f.next()) {
            switch (f.name()) {
                case "asOfVersion" -> asOfVersion = in.nullableInt32("asOfVersion");
                case "asOfSnapshot" -> asOfSnapshot = in.nullableString("asOfSnapshot");
                case "asOfTime" -> asOfTime = read(in, depth + 1, path + ".asOfTime");
                case "dateRange" -> dateRange = read(in, depth + 1, path + ".dateRange");
                case "fromVersion" -> fromVersion = in.nullableInt32("fromVersion");
                default -> throw f.unknown();
            }
        }
        f.requireAll("asOfVersion", "asOfSnapshot", "asOfTime", "dateRange", "fromVersion");
        if (asOfTime != null && !(asOfTime instanceof Instant)) {
            throw new ProtocolException(path + ".asOfTime must be an instant or null");
        }
        if (dateRange != null && !(dateRange instanceof DateRange)) {
            throw new ProtocolException(path + ".dateRange must be a date range or null");
        }
        int asOfCount = (asOfVersion != null ? 1 : 0) + (asOfSnapshot != null ? 1 : 0) + (asOfTime != null ? 1 : 0);
        if (asOfCount > 1) {
            throw new ProtocolException(path + " sets more than one asOf form");
        }
        Integer version = asOfVersion;
        String snapshot = asOfSnapshot;
        Instant time = (Instant) asOfTime;
        DateRange range = (DateRange) dateRange;
        Integer from = fromVersion;
        return invalidAsProtocol(() -> {
            ReadOptions.Builder b = ReadOptions.builder();
            if (version != null) {
                b.asOf(version);
            }
            if (snapshot != null) {
                b.asOf(snapshot);
            }
            if (time != null) {
                b.asOf(time);
            }
            if (range != null) {
                b.dateRange(range);
            }
            if (from != null) {
                b.fromVersion(from);
            }
            return b.build();
        }, path);
    }

    /** Reads a BSON document of entries (the current value) into an ordered, unmodifiable map. */
    Map<String, Object> readEntries(WireReader in, int depth, String path) {
        in.checkDepth(depth);
        in.startDocument(path);
        Map<String, Object> map = new LinkedHashMap<>();
        while (in.nextField()) {
            String key = in.name();
            if (map.containsKey(key)) {
                throw new ProtocolException(path + " has key '" + key + "' twice");
            }
            map.put(key, read(in, depth + 1, path + "." + key));
        }
        in.endDocument();
        return Collections.unmodifiableMap(map);
    }

    private static List<String> readStrings(WireReader in, String path) {
        in.startArray(path);
        List<String> out = new ArrayList<>();
        while (in.nextElement()) {
            out.add(in.string(path + "[]"));
        }
        in.endArray();
        return out;
    }

    private static byte[] readNull(WireReader in) {
        in.bson().readNull();
        return null;
    }

    private static <T> T invalidAsProtocol(java.util.function.Supplier<T> build, String path) {
        try {
            return build.get();
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ProtocolException(path + " is not a valid value: " + e.getMessage(), e);
        }
    }

}
