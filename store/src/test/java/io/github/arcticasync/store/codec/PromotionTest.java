package io.github.arcticasync.store.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.arcticasync.store.ArcticException;
import io.github.arcticasync.store.DataFrame;
import io.github.arcticasync.store.UnhandledDtypeException;
import io.github.arcticasync.store.internal.codec.EncodedItem;
import io.github.arcticasync.store.internal.codec.ItemCodec;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Arctic's append dtype rule (arctic-format.md §2.11) and the widening of old rows. */
class PromotionTest {

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @CsvSource(delimiter = ';', value = {
        "int64; float64; float64",
        "float64; int64; float64",
        "int32; int64; int64",
        "float32; int8; float32",
        "float32; int32; float64",
        "float32; uint16; float32",
        "uint8; int8; int16",
        "uint32; int32; int64",
        "uint64; int64; float64",
        "int64; uint8; int64",
        "bool; int32; int32",
        "bool; float32; float32",
        "uint8; uint16; uint16",
        "<U3; <U5; <U5",
        "<U5; <U3; <U5",
        "|S10; |S30; |S30",
        "|S10; <U3; <U10",
        "datetime64[ns]; datetime64[ns]; datetime64[ns]",
    })
    void promotesPlainTypesLikeNumpy(String a, String b, String expected) {
        assertThat(ItemCodec.promote(a, b)).isEqualTo(expected);
    }

    @Test
    void promotesFieldByFieldInTheNewItemsOrder() {
        String prev = "[('index', '<M8[ns]'), ('a', '<i8'), ('s', '<U3'), ('y', 'S10')]";
        String next = "[('index', '<M8[ns]'), ('y', 'S30'), ('new', '<f4'), ('s', '<U5'), ('a', '<f8')]";
        assertThat(ItemCodec.promote(prev, next))
                .isEqualTo("[('index', '<M8[ns]'), ('y', 'S30'), ('new', '<f4'), ('s', '<U5'), ('a', '<f8')]");
        assertThat(ItemCodec.promote(prev, prev)).isEqualTo(prev);
    }

    @Test
    void removingAColumnIsRefusedAsArcticDoes() {
        assertThatThrownBy(() -> ItemCodec.promote("[('index', '<M8[ns]'), ('a', '<i8'), ('b', '<f8')]",
                "[('index', '<M8[ns]'), ('a', '<i8')]"))
                .isInstanceOf(ArcticException.class).hasMessage("Removing columns from dtype not handled");
    }

    @Test
    void structuredToPlainAndIncompatibleKindsAreRefused() {
        assertThatThrownBy(() -> ItemCodec.promote("[('a', '<i8')]", "int64"))
                .isInstanceOf(UnhandledDtypeException.class).hasMessageContaining("structured");
        assertThatThrownBy(() -> ItemCodec.promote("[('a', '<M8[ns]')]", "[('a', '<f8')]"))
                .isInstanceOf(UnhandledDtypeException.class).hasMessageContaining("field a");
        assertThatThrownBy(() -> ItemCodec.promote("[('a', '<U3')]", "[('a', '<i8')]"))
                .isInstanceOf(UnhandledDtypeException.class);
    }

    @Test
    void convertsOldRowsToThePromotedDtype() {
        DataFrame old = DataFrame.builder().datetimeIndex(new long[] {1, 2})
                .column("a", new long[] {7, -8}).column("s", new String[] {"ab", "c"})
                .column("flag", new boolean[] {true, false}).build();
        EncodedItem e = ItemCodec.encode(old);
        assertThat(e.dtype()).isEqualTo("[('index', '<M8[ns]'), ('a', '<i8'), ('s', '<U2'), ('flag', '?')]");
        String next = "[('index', '<M8[ns]'), ('s', '<U4'), ('f', '<f8'), ('a', '<f8'), ('n', '<i4'), "
                + "('flag', '<i8'), ('y', 'S2')]";
        String to = ItemCodec.promote(e.dtype(), next);
        assertThat(to).isEqualTo(next);

        byte[] rows = ItemCodec.convertRows(e.rows(), 2, e.dtype(), to);
        assertThat(rows).hasSize(2 * ItemCodec.rowSize(to, List.of(-1)));
        DataFrame back = (DataFrame) ItemCodec.decode("pandasdf", to,
                new Document("index", List.of("index")).append("columns", List.of("s", "f", "a", "n", "flag", "y")),
                List.of(-1), rows, 2);
        assertThat(back.indexNanos()).containsExactly(1, 2);
        assertThat(back.stringColumn("s")).containsExactly("ab", "c");
        assertThat(back.doubleColumn("f")).containsExactly(Double.NaN, Double.NaN);
        assertThat(back.doubleColumn("a")).containsExactly(7.0, -8.0);
        assertThat(back.intColumn("n")).containsExactly(0, 0);
        assertThat(back.longColumn("flag")).containsExactly(1, 0);
        assertThat(back.bytesColumn("y")).isDeepEqualTo(new byte[][] {{}, {}});
    }

    @Test
    void convertsPlainArrayRows() {
        EncodedItem e = ItemCodec.encode(io.github.arcticasync.store.NdArray.of(new int[] {1, -2, 3}));
        assertThat(e.dtype()).isEqualTo("int32");
        byte[] rows = ItemCodec.convertRows(e.rows(), 3, "int32", ItemCodec.promote("int32", "float64"));
        Object back = ItemCodec.decode("ndarray", "float64", new Document(), List.of(-1), rows, 3);
        assertThat(((io.github.arcticasync.store.NdArray) back).values()).isEqualTo(new double[] {1, -2, 3});
    }
}
