package io.github.arcticasync.store.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.arcticasync.store.DataFrame;
import io.github.arcticasync.store.NdArray;
import io.github.arcticasync.store.Series;
import io.github.arcticasync.store.internal.codec.EncodedItem;
import io.github.arcticasync.store.internal.codec.ItemCodec;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Decodes the rows of every numpy-records item in the golden vectors written by real Python Arctic, compares them
 * with what Arctic read back, and re-encodes them to the very same bytes, dtype and dtype_metadata.
 */
class GoldenDecodeTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "a_df_float_int, df",
        "b_df_bool_str, df",
        "c_series, ser",
        "d_large_multi_segment, big",
        "e_write_append, df",
        "f_metadata, df",
        "h_ndarray, nd1",
        "h_ndarray, nd2",
        "h_ndarray, nds",
        "i_df_tz_index, df",
        "j_named_and_multi_index, named",
        "j_named_and_multi_index, multi",
    })
    void decodesAndReEncodesExactly(String caseName, String symbol) throws Exception {
        GoldenVectors g = GoldenVectors.load(caseName);
        Document v = g.latestVersion(symbol);
        byte[] rows = g.rows(v);
        int upTo = v.getInteger("up_to");
        List<Integer> shape = v.containsKey("shape") ? v.getList("shape", Integer.class) : List.of(-1);
        String dtype = v.getString("dtype");
        assertThat(rows).hasSize(upTo * ItemCodec.rowSize(dtype, shape));
        if (v.containsKey("sha")) {
            assertThat(sha1(rows)).isEqualTo(v.get("sha", Binary.class).getData());
        }

        Object value = ItemCodec.decode(v.getString("type"), dtype, v.get("dtype_metadata", Document.class), shape,
                rows, upTo);

        if (!caseName.startsWith("d_")) {
            assertMatchesArcticRead(value, g.expectedLatest(symbol));
        } else {
            DataFrame df = (DataFrame) value;
            assertThat(df.rowCount()).isEqualTo(300_000);
            assertThat(df.columnNames()).hasSize(3);
        }

        EncodedItem again = ItemCodec.encode(value);
        assertThat(again.type()).isEqualTo(v.getString("type"));
        assertThat(again.dtype()).isEqualTo(dtype);
        assertThat(again.dtypeMetadata().toJson()).isEqualTo(v.get("dtype_metadata", Document.class).toJson());
        assertThat(again.shape()).isEqualTo(shape);
        assertThat(again.rowCount()).isEqualTo(upTo);
        assertThat(again.rowSize()).isEqualTo(ItemCodec.rowSize(dtype, shape));
        assertThat(again.rows()).isEqualTo(rows);
        assertThat(again.datetimeFieldOffset()).isEqualTo(v.getString("type").equals("ndarray") ? -1
                : ItemCodec.datetimeFieldOffset(dtype));
    }

    private static void assertMatchesArcticRead(Object value, Document expected) {
        switch (expected.getString("kind")) {
            case "DataFrame" -> {
                DataFrame df = (DataFrame) value;
                List<Document> cols = expected.getList("columns", Document.class);
                List<String> names = new ArrayList<>();
                for (Document c : cols) {
                    names.add(c.getString("name"));
                    assertValues(df.column(c.getString("name")), c.getList("values", Object.class));
                }
                assertThat(df.columnNames()).isEqualTo(names);
                assertIndex(df, expected.get("index", Document.class));
            }
            case "Series" -> {
                Series s = (Series) value;
                assertThat(s.name()).isEqualTo(expected.getString("name"));
                assertValues(s.values(), expected.getList("values", Object.class));
                assertIndex(s.toFrame(), expected.get("index", Document.class));
            }
            case "ndarray" -> {
                NdArray a = (NdArray) value;
                List<Integer> shape = expected.getList("shape", Integer.class);
                assertThat(a.shape()).containsExactly(shape.stream().mapToInt(Integer::intValue).toArray());
                assertThat(a.dtype()).isEqualTo(expected.getString("dtype"));
                if (expected.containsKey("fields")) {
                    for (Document f : expected.getList("fields", Document.class)) {
                        assertValues(a.field(f.getString("name")), f.getList("values", Object.class));
                    }
                } else {
                    assertValues(a.values(), expected.getList("values", Object.class));
                }
            }
            default -> throw new AssertionError("unexpected kind " + expected.getString("kind"));
        }
    }

    private static void assertIndex(DataFrame df, Document index) {
        List<Document> levels = index.getList("levels", Document.class);
        assertThat(df.indexLevelNames()).hasSize(levels.size());
        for (int i = 0; i < levels.size(); i++) {
            Document level = levels.get(i);
            String arcticName = level.getString("name");
            // Arctic names an unnamed single index "index"; Java reports it as unnamed.
            String javaName = levels.size() == 1 && "index".equals(arcticName) ? null : arcticName;
            assertThat(df.indexLevelNames().get(i)).isEqualTo(javaName);
            assertValues(df.indexLevel(i), level.getList("values", Object.class));
            if (i == 0) {
                assertThat(df.indexTimezone()).isEqualTo(level.getString("tz"));
            }
        }
        if ("DatetimeIndex".equals(index.getString("kind"))) {
            assertThat(df.indexNanos()).isNotNull();
        }
    }

    static void assertValues(Object javaArray, List<Object> expected) {
        if (javaArray instanceof double[] d) {
            assertThat(d).hasSize(expected.size());
            for (int i = 0; i < d.length; i++) {
                assertThat(Double.doubleToLongBits(d[i])).as("row %d", i)
                        .isEqualTo(Double.doubleToLongBits(toDouble(expected.get(i))));
            }
        } else if (javaArray instanceof long[] l) {
            assertThat(l).containsExactly(expected.stream().mapToLong(o -> ((Number) o).longValue()).toArray());
        } else if (javaArray instanceof int[] n) {
            assertThat(n).containsExactly(expected.stream().mapToInt(o -> ((Number) o).intValue()).toArray());
        } else if (javaArray instanceof boolean[] b) {
            assertThat(b).hasSize(expected.size());
            for (int i = 0; i < b.length; i++) {
                assertThat(b[i]).isEqualTo(expected.get(i));
            }
        } else if (javaArray instanceof String[] s) {
            assertThat(s).containsExactly(expected.toArray(new String[0]));
        } else if (javaArray instanceof byte[][] b) {
            assertThat(b.length).isEqualTo(expected.size());
            for (int i = 0; i < b.length; i++) {
                Object e = expected.get(i);
                String b64 = e instanceof Document d ? d.getString("base64") : (String) e;
                assertThat(b[i]).isEqualTo(Base64.getDecoder().decode(b64));
            }
        } else {
            throw new AssertionError("unexpected array " + javaArray);
        }
    }

    private static double toDouble(Object o) {
        if (o instanceof String s) {
            return Double.parseDouble(s);
        }
        return ((Number) o).doubleValue();
    }

    static byte[] sha1(byte[] b) throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("SHA-1").digest(b);
    }
}
