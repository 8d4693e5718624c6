package io.github.arcticasync.store.internal.codec;

import io.github.arcticasync.store.ArcticException;
import io.github.arcticasync.store.ArcticSerializationException;
import io.github.arcticasync.store.DataFrame;
import io.github.arcticasync.store.NdArray;
import io.github.arcticasync.store.Series;
import io.github.arcticasync.store.UnhandledDtypeException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.bson.Document;

/**
 * Converts between the public values ({@code DataFrame}, {@code Series}, {@code NdArray}) and Arctic's
 * numpy-records bytes (arctic-format.md §3). The one place that knows numpy dtypes.
 *
 * <p>Reading maps Arctic's generated index names back to "unnamed": a single index field {@code index}, and MultiIndex
 * levels {@code level_k} where k counts the unnamed levels before it. A single {@code <i8} index field named
 * {@code index} holding exactly 0..n-1 is read as a range index; any other non-datetime index is kept as index level
 * 0 with its own dtype. {@code multi_column} metadata is ignored: such columns keep their {@code str(tuple)} names.
 */
public final class ItemCodec {
    /** Version-document {@code type} of a DataFrame. */
    public static final String PANDAS_DF = "pandasdf";
    /** Version-document {@code type} of a Series. */
    public static final String PANDAS_SERIES = "pandasseries";
    /** Version-document {@code type} of a numpy array. */
    public static final String NDARRAY = "ndarray";

    private ItemCodec() {
    }

    /** True when {@link #encode} accepts this value (a DataFrame, Series or NdArray). */
    public static boolean canEncode(Object data) {
        return data instanceof DataFrame || data instanceof Series || data instanceof NdArray;
    }

    /**
     * Flattens a value to records. Throws UnhandledDtypeException / ArcticException naming the problem
     * (e.g. an empty column name).
     */
    public static EncodedItem encode(Object data) {
        Objects.requireNonNull(data, "data must not be null");
        if (data instanceof DataFrame df) {
            return encodeFrame(PANDAS_DF, ModelAccess.bridge().frameData(df));
        } else if (data instanceof Series s) {
            return encodeFrame(PANDAS_SERIES, ModelAccess.bridge().frameData(s.toFrame()));
        } else if (data instanceof NdArray a) {
            return encodeArray(a);
        }
        throw new UnhandledDtypeException("cannot store a " + data.getClass().getName()
                + " as numpy records; expected a DataFrame, Series or NdArray");
    }

    private static EncodedItem encodeFrame(String type, FrameData d) {
        int n = d.rowCount();
        List<Column> fields = new ArrayList<>();
        List<String> indexNames = new ArrayList<>();
        List<String> zones = new ArrayList<>();
        if (d.index().isEmpty()) {
            long[] range = new long[n];
            for (int i = 0; i < n; i++) {
                range[i] = i;
            }
            fields.add(new Column("index", Dtype.INT64, range, null));
            indexNames.add("index");
        } else {
            boolean multi = d.index().size() > 1;
            int unnamed = 0;
            for (Column c : d.index()) {
                String name = c.name();
                if (name == null) {
                    name = multi ? "level_" + unnamed++ : "index";
                }
                fields.add(new Column(name, c.dtype(), c.values(), null));
                indexNames.add(name);
                zones.add(c.timezone());
            }
        }
        List<String> columnNames = new ArrayList<>();
        for (Column c : d.columns()) {
            if (c.name().isEmpty()) {
                throw new ArcticException("Cannot use empty string as a column name.");
            }
            fields.add(c);
            columnNames.add(c.name());
        }
        Set<String> seen = new HashSet<>();
        for (Column f : fields) {
            if (!seen.add(f.name())) {
                throw new UnhandledDtypeException("duplicate field name '" + f.name() + "' (a column named like "
                        + "an index level, or a repeated column): Arctic would pickle this frame, which Java "
                        + "cannot write");
            }
        }
        StructuredDtype dtype = StructuredDtype.of(fields);
        byte[] rows = NumpyRecords.pack(fields, dtype, n);
        Document meta = new Document();
        if (indexNames.size() > 1) {
            meta.append("index_tz", zones);
        } else if (!zones.isEmpty() && zones.get(0) != null) {
            meta.append("index_tz", zones.get(0));
        }
        meta.append("index", indexNames).append("columns", columnNames);
        return new EncodedItem(type, dtype.toString(), meta, List.of(-1), dtype.itemSize(), n, rows,
                firstDatetimeOffset(dtype));
    }

    private static EncodedItem encodeArray(NdArray a) {
        ModelAccess.Bridge b = ModelAccess.bridge();
        List<Column> fields = b.arrayFields(a);
        int[] shape = b.shape(a);
        if (fields != null) {
            StructuredDtype dtype = StructuredDtype.of(fields);
            byte[] rows = NumpyRecords.pack(fields, dtype, shape[0]);
            return new EncodedItem(NDARRAY, dtype.toString(), new Document(), List.of(-1), dtype.itemSize(),
                    shape[0], rows, -1);
        }
        Column flat = b.arrayData(a);
        List<Integer> storedShape = new ArrayList<>();
        storedShape.add(-1);
        long perRow = 1;
        for (int i = 1; i < shape.length; i++) {
            storedShape.add(shape[i]);
            perRow *= shape[i];
        }
        long rowSize = perRow * flat.dtype().size();
        if (rowSize > Integer.MAX_VALUE) {
            throw new UnhandledDtypeException("array rows of " + rowSize + " bytes are too large");
        }
        int total = ColumnArrays.length(flat.values());
        byte[] rows = new byte[Math.multiplyExact(total, flat.dtype().size())];
        NumpyRecords.write(flat.values(), flat.dtype(), rows, 0, flat.dtype().size(), total);
        return new EncodedItem(NDARRAY, flat.dtype().name(), new Document(), List.copyOf(storedShape),
                (int) rowSize, shape[0], rows, -1);
    }

    /** Rebuilds the value from {@code rowCount} packed rows as a version document describes them. */
    public static Object decode(String type, String dtype, Document dtypeMetadata, List<Integer> shape, byte[] rows,
                                int rowCount) {
        Objects.requireNonNull(type, "type must not be null");
        Objects.requireNonNull(dtype, "dtype must not be null");
        Objects.requireNonNull(rows, "rows must not be null");
        if (rowCount < 0) {
            throw new IllegalArgumentException("rowCount must not be negative: " + rowCount);
        }
        return switch (type) {
            case PANDAS_DF -> decodeFrame(dtype, dtypeMetadata, rows, rowCount);
            case PANDAS_SERIES -> decodeSeries(dtype, dtypeMetadata, rows, rowCount);
            case NDARRAY -> decodeArray(dtype, shape, rows, rowCount);
            default -> throw new ArcticSerializationException("cannot decode numpy records of item type '" + type
                    + "'");
        };
    }

    private static StructuredDtype structured(String dtype, String type) {
        if (!DtypeParser.isStructured(dtype)) {
            throw new ArcticSerializationException(type + " item needs a structured dtype, not '" + dtype + "'");
        }
        return DtypeParser.parseStructured(dtype);
    }

    private static DataFrame decodeFrame(String dtype, Document meta, byte[] rows, int rowCount) {
        StructuredDtype sd = structured(dtype, PANDAS_DF);
        List<Column> fields = NumpyRecords.unpack(sd, rows, rowCount);
        int nIndex = indexFieldCount(sd, meta);
        FrameData d = new FrameData(indexLevels(fields.subList(0, nIndex), meta, rowCount),
                fields.subList(nIndex, fields.size()), rowCount);
        return ModelAccess.bridge().frame(d);
    }

    private static Series decodeSeries(String dtype, Document meta, byte[] rows, int rowCount) {
        StructuredDtype sd = structured(dtype, PANDAS_SERIES);
        List<Column> fields = NumpyRecords.unpack(sd, rows, rowCount);
        int nIndex = Math.min(indexFieldCount(sd, meta), fields.size() - 1);
        // Arctic's Series is the last field, whatever comes between.
        Column value = fields.get(fields.size() - 1);
        FrameData d = new FrameData(indexLevels(fields.subList(0, nIndex), meta, rowCount), List.of(value),
                rowCount);
        return Series.fromFrame(ModelAccess.bridge().frame(d));
    }

    /** The number of leading fields named in {@code dtype_metadata.index} (checked against the dtype). */
    private static int indexFieldCount(StructuredDtype sd, Document meta) {
        List<?> index = meta == null ? null : meta.get("index", List.class);
        if (index == null) {
            return 0;
        }
        List<String> names = sd.names();
        if (index.size() > names.size()) {
            throw new ArcticSerializationException("dtype_metadata.index " + index + " names more fields than the "
                    + "dtype " + sd + " has");
        }
        for (int i = 0; i < index.size(); i++) {
            if (!names.get(i).equals(String.valueOf(index.get(i)))) {
                throw new ArcticSerializationException("dtype_metadata.index " + index
                        + " does not match the leading fields of " + sd);
            }
        }
        return index.size();
    }

    private static List<Column> indexLevels(List<Column> stored, Document meta, int rowCount) {
        Object tz = meta == null ? null : meta.get("index_tz");
        if (stored.size() == 1) {
            Column c = stored.get(0);
            if ("index".equals(c.name()) && c.dtype().equals(Dtype.INT64) && tz == null
                    && isRange((long[]) c.values())) {
                return List.of();
            }
            String zone = c.dtype().kind() == 'M' ? zoneName(tz instanceof List<?> l ? first(l) : tz) : null;
            String name = "index".equals(c.name()) ? null : c.name();
            return List.of(new Column(name, c.dtype(), c.values(), zone));
        }
        List<?> zones = tz instanceof List<?> l ? l : null;
        List<Column> levels = new ArrayList<>();
        int unnamed = 0;
        for (int i = 0; i < stored.size(); i++) {
            Column c = stored.get(i);
            String name = c.name();
            if (name.equals("level_" + unnamed)) {
                name = null;
                unnamed++;
            }
            Object z = zones != null && i < zones.size() ? zones.get(i) : (zones == null && i == 0 ? tz : null);
            String zone = c.dtype().kind() == 'M' ? zoneName(z) : null;
            levels.add(new Column(name, c.dtype(), c.values(), zone));
        }
        return levels;
    }

    private static Object first(List<?> l) {
        return l.isEmpty() ? null : l.get(0);
    }

    private static boolean isRange(long[] v) {
        for (int i = 0; i < v.length; i++) {
            if (v[i] != i) {
                return false;
            }
        }
        return true;
    }

    /** pandas zone string to a Java zone name: {@code dateutil/.../zoneinfo/Europe/London} -> {@code Europe/London}. */
    static String zoneName(Object tz) {
        if (tz == null) {
            return null;
        }
        String s = tz.toString();
        int z = s.indexOf("zoneinfo/");
        if (s.startsWith("dateutil/") && z >= 0) {
            return s.substring(z + "zoneinfo/".length());
        }
        if (s.startsWith("dateutil/")) {
            return s.substring("dateutil/".length());
        }
        return s;
    }

    private static NdArray decodeArray(String dtype, List<Integer> shape, byte[] rows, int rowCount) {
        ModelAccess.Bridge b = ModelAccess.bridge();
        if (DtypeParser.isStructured(dtype)) {
            StructuredDtype sd = DtypeParser.parseStructured(dtype);
            if (shape != null && shape.size() > 1) {
                throw new ArcticSerializationException("structured arrays with shape " + shape
                        + " are not supported");
            }
            return b.structuredArray(NumpyRecords.unpack(sd, rows, rowCount));
        }
        Dtype t = Dtype.parse(dtype);
        List<Integer> s = shape == null || shape.isEmpty() ? List.of(-1) : shape;
        int[] full = new int[s.size()];
        full[0] = rowCount;
        long perRow = 1;
        for (int i = 1; i < s.size(); i++) {
            full[i] = s.get(i);
            if (full[i] < 0) {
                throw new ArcticSerializationException("bad stored shape " + shape);
            }
            perRow *= full[i];
        }
        NumpyRecords.checkLength(rows, perRow * t.size(), rowCount, dtype);
        int total = Math.toIntExact(perRow * rowCount);
        Object flat = NumpyRecords.read(t, rows, 0, t.size(), total);
        return b.plainArray(new Column(null, t.littleEndian(), flat, null), full);
    }

    /** Bytes per row of a stored dtype and shape. */
    public static int rowSize(String dtype, List<Integer> shape) {
        Objects.requireNonNull(dtype, "dtype must not be null");
        long item = DtypeParser.isStructured(dtype) ? DtypeParser.parseStructured(dtype).itemSize()
                : Dtype.parse(dtype).size();
        if (shape != null) {
            for (int i = 1; i < shape.size(); i++) {
                if (shape.get(i) < 0) {
                    throw new ArcticSerializationException("bad stored shape " + shape);
                }
                item *= shape.get(i);
            }
        }
        return Math.toIntExact(item);
    }

    /** Offset of the first {@code <M8[ns]} field of a structured dtype, or -1. */
    public static int datetimeFieldOffset(String dtype) {
        Objects.requireNonNull(dtype, "dtype must not be null");
        if (!DtypeParser.isStructured(dtype)) {
            return -1;
        }
        return firstDatetimeOffset(DtypeParser.parseStructured(dtype));
    }

    private static int firstDatetimeOffset(StructuredDtype sd) {
        for (StructuredDtype.Field f : sd.fields()) {
            if (f.dtype().kind() == 'M') {
                return f.offset();
            }
        }
        return -1;
    }

    /**
     * Arctic's append dtype rule (arctic-format.md §2.11): the dtype of previous + new rows. Every previous field
     * must remain; numeric and string widths promote; the new item's field order wins.
     */
    public static String promote(String previousDtype, String newDtype) {
        return DtypePromotion.promote(previousDtype, newDtype);
    }

    /** Re-packs rows of {@code fromDtype} as {@code toDtype} (a promotion): new float fields NaN, others zero. */
    public static byte[] convertRows(byte[] rows, int rowCount, String fromDtype, String toDtype) {
        return DtypePromotion.convertRows(rows, rowCount, fromDtype, toDtype);
    }
}
