package io.github.arcticasync.internal.protocol;

import io.github.arcticasync.store.ArcticSerializationException;
import io.github.arcticasync.store.DataFrame;
import io.github.arcticasync.store.NdArray;
import io.github.arcticasync.store.Series;
import io.github.arcticasync.store.internal.codec.Column;
import io.github.arcticasync.store.internal.codec.ColumnArrays;
import io.github.arcticasync.store.internal.codec.Dtype;
import io.github.arcticasync.store.internal.codec.FrameData;
import io.github.arcticasync.store.internal.codec.ModelAccess;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import org.bson.BsonBinary;
import org.bson.BsonBinaryWriter;

/**
 * Encodes {@link DataFrame}, {@link Series} and {@link NdArray} values as typed column buffers: a small BSON header
 * (names, numpy dtypes, zones, byte lengths) and one binary block of raw little-endian columns, LZ4-compressed when
 * it is at least the compression threshold and compression makes it smaller.
 *
 * <p>Arrays are read from and built into the model classes without per-element boxing: each numeric column is one
 * bulk buffer copy each way. The layout is specified in docs/protocol.md ("Frame values").
 */
final class FrameCodec {
    static final String TAG_FRAME = "frame";
    static final String TAG_SERIES = "series";
    static final String TAG_NDARRAY = "ndarray";
    static final String CODEC_NONE = "none";
    static final String CODEC_LZ4 = "lz4";
    /** LZ4 cannot expand data more than about 255x; a larger declared ratio is a lie, not data. */
    static final int LZ4_MAX_RATIO = 255;
    private static final int PROBE_WINDOW = 4096;

    private static final LZ4Factory LZ4 = LZ4Factory.fastestInstance();
    private static final LZ4Compressor COMPRESSOR = LZ4.fastCompressor();
    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4.safeDecompressor();

    private final int compressionThreshold;
    private final int maxBlockBytes;

    FrameCodec(int compressionThreshold, int maxBlockBytes) {
        this.compressionThreshold = compressionThreshold;
        this.maxBlockBytes = maxBlockBytes;
    }

    static boolean handles(Object value) {
        return value instanceof DataFrame || value instanceof Series || value instanceof NdArray;
    }

    // ---------------------------------------------------------------- writing

    void write(BsonBinaryWriter w, Object value) {
        ModelAccess.Bridge bridge = ModelAccess.bridge();
        if (value instanceof DataFrame frame) {
            writeFrame(w, TAG_FRAME, bridge.frameData(frame));
        } else if (value instanceof Series series) {
            writeFrame(w, TAG_SERIES, bridge.frameData(series.toFrame()));
        } else if (value instanceof NdArray array) {
            writeArray(w, bridge, array);
        } else {
            throw new ProtocolException("not a frame value: " + value.getClass().getName());
        }
    }

    private void writeFrame(BsonBinaryWriter w, String tag, FrameData data) {
        w.writeStartDocument();
        w.writeString("t", tag);
        w.writeInt32("rows", data.rowCount());
        writeDescriptors(w, "index", data.index());
        writeDescriptors(w, "cols", data.columns());
        List<Column> all = new ArrayList<>(data.index().size() + data.columns().size());
        all.addAll(data.index());
        all.addAll(data.columns());
        writeBlock(w, all);
        w.writeEndDocument();
    }

    private void writeArray(BsonBinaryWriter w, ModelAccess.Bridge bridge, NdArray array) {
        List<Column> fields = bridge.arrayFields(array);
        boolean structured = fields != null;
        List<Column> cols = structured ? fields : List.of(bridge.arrayData(array));
        w.writeStartDocument();
        w.writeString("t", TAG_NDARRAY);
        w.writeStartArray("shape");
        for (int d : bridge.shape(array)) {
            w.writeInt32(d);
        }
        w.writeEndArray();
        w.writeBoolean("structured", structured);
        writeDescriptors(w, "cols", cols);
        writeBlock(w, cols);
        w.writeEndDocument();
    }

    private static void writeDescriptors(BsonBinaryWriter w, String field, List<Column> columns) {
        w.writeStartArray(field);
        for (Column c : columns) {
            w.writeStartDocument();
            writeNullableString(w, "name", c.name());
            w.writeString("dtype", c.dtype().str());
            writeNullableString(w, "tz", c.timezone());
            w.writeInt32("len", ColumnBlock.byteLength(c.values()));
            w.writeEndDocument();
        }
        w.writeEndArray();
    }

    private void writeBlock(BsonBinaryWriter w, List<Column> columns) {
        long total = ColumnBlock.totalLength(columns);
        if (total > maxBlockBytes) {
            throw new ProtocolException("a frame of " + total + " column bytes exceeds the envelope limit of "
                    + maxBlockBytes);
        }
        byte[] raw = new byte[(int) total];
        ByteBuffer out = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        for (Column c : columns) {
            ColumnBlock.write(out, c.values());
        }
        byte[] stored = raw;
        String codec = CODEC_NONE;
        if (raw.length >= compressionThreshold && worthCompressing(raw)) {
            int max = COMPRESSOR.maxCompressedLength(raw.length);
            byte[] packed = new byte[max];
            int n = COMPRESSOR.compress(raw, 0, raw.length, packed, 0, max);
            if (n < raw.length) {
                stored = Arrays.copyOf(packed, n);
                codec = CODEC_LZ4;
            }
        }
        w.writeString("codec", codec);
        w.writeInt32("raw", raw.length);
        w.writeBinaryData("data", new BsonBinary(stored));
    }

    /**
     * Whether a trial compression of three 4 KiB windows (start, middle, end) saves at least 1/8: noise such as
     * random float mantissas barely compresses, and compressing it anyway would cost more time than the bytes saved.
     */
    static boolean worthCompressing(byte[] raw) {
        if (raw.length < 3 * PROBE_WINDOW * 2) {
            return true;
        }
        byte[] sample = new byte[3 * PROBE_WINDOW];
        System.arraycopy(raw, 0, sample, 0, PROBE_WINDOW);
        System.arraycopy(raw, raw.length / 2, sample, PROBE_WINDOW, PROBE_WINDOW);
        System.arraycopy(raw, raw.length - PROBE_WINDOW, sample, 2 * PROBE_WINDOW, PROBE_WINDOW);
        byte[] packed = new byte[COMPRESSOR.maxCompressedLength(sample.length)];
        int n = COMPRESSOR.compress(sample, 0, sample.length, packed, 0, packed.length);
        return n <= sample.length - sample.length / 8;
    }

    /** Bytes the column blocks of {@code value} will take, as a buffer size hint (strings estimated). */
    static long sizeHint(Object value) {
        ModelAccess.Bridge bridge = ModelAccess.bridge();
        List<Column> cols = new ArrayList<>();
        if (value instanceof DataFrame frame) {
            cols.addAll(bridge.frameData(frame).index());
            cols.addAll(bridge.frameData(frame).columns());
        } else if (value instanceof Series series) {
            cols.addAll(bridge.frameData(series.toFrame()).index());
            cols.addAll(bridge.frameData(series.toFrame()).columns());
        } else if (value instanceof NdArray array) {
            List<Column> fields = bridge.arrayFields(array);
            cols.addAll(fields != null ? fields : List.of(bridge.arrayData(array)));
        }
        long n = 256;
        for (Column c : cols) {
            Object v = c.values();
            n += v instanceof String[] || v instanceof byte[][] ? 16L * ColumnArrays.length(v)
                    : ColumnBlock.byteLength(v);
        }
        return n;
    }

    private static void writeNullableString(BsonBinaryWriter w, String name, String value) {
        if (value == null) {
            w.writeNull(name);
        } else {
            w.writeString(name, value);
        }
    }

    // ---------------------------------------------------------------- reading

    /** Reads the fields after the tag of a frame, series or ndarray document, up to and including its end. */
    Object read(WireReader in, String tag) {
        Integer rows = null;
        List<Descriptor> index = null;
        List<Descriptor> cols = null;
        int[] shape = null;
        Boolean structured = null;
        String codec = null;
        Integer raw = null;
        int[] data = null;
        Set<String> seen = new HashSet<>();
        while (in.nextField()) {
            String name = in.name();
            if (!seen.add(name)) {
                throw new ProtocolException(tag + " has field '" + name + "' twice");
            }
            switch (name) {
                case "rows" -> rows = nonNegative(in.int32(name), tag + ".rows");
                case "index" -> index = readDescriptors(in, tag + ".index");
                case "cols" -> cols = readDescriptors(in, tag + ".cols");
                case "shape" -> shape = readShape(in);
                case "structured" -> structured = in.bool(name);
                case "codec" -> codec = in.string(name);
                case "raw" -> raw = nonNegative(in.int32(name), tag + ".raw");
                case "data" -> data = in.binarySlice(name);
                default -> throw new ProtocolException(tag + " has unknown field '" + name + "'");
            }
        }
        in.endDocument();
        require(cols, tag, "cols");
        require(codec, tag, "codec");
        require(raw, tag, "raw");
        require(data, tag, "data");
        ByteBuffer block = inflate(in.bytes(), data, codec, raw, tag);
        long declared = 0;
        for (Descriptor d : (index == null ? List.<Descriptor>of() : index)) {
            declared += d.length;
        }
        for (Descriptor d : cols) {
            declared += d.length;
        }
        if (declared != raw) {
            throw new ProtocolException(tag + " columns declare " + declared + " bytes but the block has " + raw);
        }
        try {
            if (TAG_NDARRAY.equals(tag)) {
                require(shape, tag, "shape");
                require(structured, tag, "structured");
                if (rows != null || index != null) {
                    throw new ProtocolException("ndarray has frame fields 'rows'/'index'");
                }
                return readArray(block, shape, structured, cols);
            }
            require(rows, tag, "rows");
            require(index, tag, "index");
            if (shape != null || structured != null) {
                throw new ProtocolException(tag + " has ndarray fields 'shape'/'structured'");
            }
            DataFrame frame = readFrame(block, rows, index, cols, tag);
            if (TAG_SERIES.equals(tag)) {
                if (cols.size() != 1 || cols.get(0).name == null || cols.get(0).name.isEmpty()) {
                    throw new ProtocolException("series needs exactly one named column, has " + cols.size());
                }
                return Series.fromFrame(frame);
            }
            return frame;
        } catch (IllegalArgumentException | ArcticSerializationException e) {
            if (e instanceof ProtocolException p) {
                throw p;
            }
            throw new ProtocolException(tag + " is not a valid value: " + e.getMessage(), e);
        }
    }

    private DataFrame readFrame(ByteBuffer block, int rows, List<Descriptor> index, List<Descriptor> cols,
                                String tag) {
        List<Column> levels = readColumns(block, index, rows, tag + " index level");
        List<Column> columns = readColumns(block, cols, rows, tag + " column");
        Set<String> names = new HashSet<>();
        for (Column c : levels) {
            if (c.name() != null && !names.add(c.name())) {
                throw new ProtocolException(tag + " has index level name '" + c.name() + "' twice");
            }
        }
        names.clear();
        for (Column c : columns) {
            if (c.name() == null) {
                throw new ProtocolException(tag + " has a column without a name");
            }
            if (c.timezone() != null) {
                throw new ProtocolException(tag + " column '" + c.name() + "' has a timezone; only index levels do");
            }
            if (!names.add(c.name())) {
                throw new ProtocolException(tag + " has column '" + c.name() + "' twice");
            }
        }
        return ModelAccess.bridge().frame(new FrameData(levels, columns, rows));
    }

    private NdArray readArray(ByteBuffer block, int[] shape, boolean structured, List<Descriptor> cols) {
        ModelAccess.Bridge bridge = ModelAccess.bridge();
        if (structured) {
            if (shape.length != 1) {
                throw new ProtocolException("a structured ndarray is 1-D, shape was " + Arrays.toString(shape));
            }
            List<Column> fields = readColumns(block, cols, shape[0], "ndarray field");
            Set<String> names = new HashSet<>();
            for (Column c : fields) {
                if (c.name() == null || !names.add(c.name()) || c.timezone() != null) {
                    throw new ProtocolException("ndarray fields need distinct names and no timezone, got "
                            + c.name());
                }
            }
            if (fields.isEmpty() && shape[0] != 0) {
                throw new ProtocolException("a structured ndarray without fields has no rows");
            }
            return bridge.structuredArray(fields);
        }
        if (cols.size() != 1) {
            throw new ProtocolException("a plain ndarray has one value column, not " + cols.size());
        }
        long product = 1;
        for (int d : shape) {
            product *= d;
            if (product > Integer.MAX_VALUE) {
                throw new ProtocolException("ndarray shape " + Arrays.toString(shape) + " is too large");
            }
        }
        Column flat = readColumns(block, cols, (int) product, "ndarray values").get(0);
        if (flat.name() != null || flat.timezone() != null) {
            throw new ProtocolException("plain ndarray values have neither name nor timezone");
        }
        return bridge.plainArray(flat, shape);
    }

    private static List<Column> readColumns(ByteBuffer block, List<Descriptor> descriptors, int rows, String what) {
        List<Column> out = new ArrayList<>(descriptors.size());
        for (Descriptor d : descriptors) {
            String label = what + " " + (d.name == null ? "(unnamed)" : "'" + d.name + "'");
            Dtype dtype = parseDtype(d.dtype, label);
            if (d.timezone != null && dtype.kind() != 'M') {
                throw new ProtocolException(label + " has a timezone but dtype " + d.dtype);
            }
            Object values = ColumnBlock.read(block, dtype.javaArrayType(), rows, d.length, label);
            ColumnArrays.checkFits(values, dtype, label);
            out.add(new Column(d.name, dtype, values, d.timezone));
        }
        return out;
    }

    private static Dtype parseDtype(String s, String what) {
        try {
            Dtype t = Dtype.parse(s);
            if (!t.str().equals(s)) {
                // Only the canonical spelling is written, so anything else is not ours.
                throw new ProtocolException(what + " has dtype '" + s + "', not in canonical form " + t.str());
            }
            return t;
        } catch (ArcticSerializationException e) {
            if (e instanceof ProtocolException p) {
                throw p;
            }
            throw new ProtocolException(what + " has unsupported dtype '" + s + "'", e);
        }
    }

    /** The raw column block, little-endian, positioned at its start: the input itself when stored uncompressed. */
    private ByteBuffer inflate(byte[] bytes, int[] slice, String codec, int raw, String tag) {
        int offset = slice[0];
        int length = slice[1];
        if (raw > maxBlockBytes) {
            throw new ProtocolException(tag + " declares " + raw + " column bytes, over the limit of "
                    + maxBlockBytes);
        }
        switch (codec) {
            case CODEC_NONE -> {
                if (length != raw) {
                    throw new ProtocolException(tag + " block has " + length + " bytes but declares " + raw);
                }
                return ByteBuffer.wrap(bytes, offset, length).slice().order(ByteOrder.LITTLE_ENDIAN);
            }
            case CODEC_LZ4 -> {
                if ((long) length * LZ4_MAX_RATIO + 16 < raw) {
                    throw new ProtocolException(tag + " declares " + raw + " bytes from an LZ4 block of only "
                            + length);
                }
                byte[] out = new byte[raw];
                int n;
                try {
                    n = DECOMPRESSOR.decompress(bytes, offset, length, out, 0, raw);
                } catch (LZ4Exception e) {
                    throw new ProtocolException(tag + " has a corrupt LZ4 block: " + e.getMessage(), e);
                }
                if (n != raw) {
                    throw new ProtocolException(tag + " LZ4 block inflates to " + n + " bytes, declared " + raw);
                }
                return ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
            }
            default -> throw new ProtocolException(tag + " has unknown codec '" + codec + "'");
        }
    }

    private static List<Descriptor> readDescriptors(WireReader in, String what) {
        in.startArray(what);
        List<Descriptor> out = new ArrayList<>();
        while (in.nextElement()) {
            in.startDocument(what + "[]");
            String name = null;
            String dtype = null;
            String tz = null;
            Integer len = null;
            Set<String> seen = new HashSet<>();
            while (in.nextField()) {
                String f = in.name();
                if (!seen.add(f)) {
                    throw new ProtocolException(what + " descriptor has field '" + f + "' twice");
                }
                switch (f) {
                    case "name" -> name = in.nullableString(f);
                    case "dtype" -> dtype = in.string(f);
                    case "tz" -> tz = in.nullableString(f);
                    case "len" -> len = nonNegative(in.int32(f), what + ".len");
                    default -> throw new ProtocolException(what + " descriptor has unknown field '" + f + "'");
                }
            }
            in.endDocument();
            if (!seen.containsAll(List.of("name", "dtype", "tz", "len"))) {
                throw new ProtocolException(what + " descriptor lacks one of name, dtype, tz, len");
            }
            out.add(new Descriptor(name, dtype, tz, len));
        }
        in.endArray();
        return out;
    }

    private static int[] readShape(WireReader in) {
        in.startArray("shape");
        List<Integer> dims = new ArrayList<>();
        while (in.nextElement()) {
            if (dims.size() >= 64) {
                throw new ProtocolException("ndarray shape has more than 64 dimensions");
            }
            dims.add(nonNegative(in.int32("shape[]"), "ndarray dimension"));
        }
        in.endArray();
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int nonNegative(int v, String what) {
        if (v < 0) {
            throw new ProtocolException(what + " must not be negative, was " + v);
        }
        return v;
    }

    private static void require(Object v, String tag, String field) {
        if (v == null) {
            throw new ProtocolException(tag + " lacks field '" + field + "'");
        }
    }

    private record Descriptor(String name, String dtype, String timezone, int length) {
    }
}
