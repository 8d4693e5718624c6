package io.github.arcticasync.store.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.arcticasync.store.ArcticSerializationException;
import io.github.arcticasync.store.internal.codec.Dtype;
import io.github.arcticasync.store.internal.codec.DtypeParser;
import io.github.arcticasync.store.internal.codec.ItemCodec;
import io.github.arcticasync.store.internal.codec.StructuredDtype;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** numpy dtype spellings (arctic-format.md §3.2). */
class DtypeParserTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "<f8; <f8; <f8; float64",
        "float64; <f8; <f8; float64",
        "=f8; <f8; <f8; float64",
        "<f4; <f4; <f4; float32",
        "<i8; <i8; <i8; int64",
        "int32; <i4; <i4; int32",
        "<i2; <i2; <i2; int16",
        "i1; |i1; i1; int8",
        "|i1; |i1; i1; int8",
        "int8; |i1; i1; int8",
        "u1; |u1; u1; uint8",
        "|u1; |u1; u1; uint8",
        "uint8; |u1; u1; uint8",
        "<u2; <u2; <u2; uint16",
        "<u8; <u8; <u8; uint64",
        "?; |b1; ?; bool",
        "|b1; |b1; ?; bool",
        "b1; |b1; ?; bool",
        "bool; |b1; ?; bool",
        "<M8[ns]; <M8[ns]; <M8[ns]; datetime64[ns]",
        "datetime64[ns]; <M8[ns]; <M8[ns]; datetime64[ns]",
        "<m8[ns]; <m8[ns]; <m8[ns]; timedelta64[ns]",
        "<U5; <U5; <U5; <U5",
        "U5; <U5; <U5; <U5",
        "S4; |S4; S4; |S4",
        "|S4; |S4; S4; |S4",
        ">f8; >f8; >f8; >f8",
        ">i4; >i4; >i4; >i4",
    })
    void parsesTypestrsAndNames(String in, String str, String descr, String name) {
        Dtype t = Dtype.parse(in);
        assertThat(t.str()).isEqualTo(str);
        assertThat(t.descr()).isEqualTo(descr);
        assertThat(t.name()).isEqualTo(name);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"O", "|O", "object", "<c16", "complex128", "<f2", "V8", "<M8[us]", "<M8", "<U0x", "",
        "b2", "<i3", "<f16", "float16"})
    void rejectsUnsupportedTypesNamingThem(String in) {
        assertThatThrownBy(() -> Dtype.parse(in)).isInstanceOf(ArcticSerializationException.class)
                .hasMessageContaining("'" + in + "'");
    }

    @Test
    void structuredDtypeRoundTripsNumpysSpelling() {
        String s = "[('index', '<M8[ns]'), ('f', '<f8'), ('i', '<i8'), ('b', '?'), ('s', '<U3'), ('y', 'S4')]";
        StructuredDtype d = StructuredDtype.parse(s);
        assertThat(d.names()).containsExactly("index", "f", "i", "b", "s", "y");
        assertThat(d.itemSize()).isEqualTo(8 + 8 + 8 + 1 + 12 + 4);
        assertThat(d.fields().get(4).offset()).isEqualTo(25);
        assertThat(d.toString()).isEqualTo(s);
    }

    @Test
    void acceptsOtherQuoteStylesPrefixesAndSpacing() {
        StructuredDtype d = StructuredDtype.parse("[(u'index', u'<M8[ns]'),(b\"px\", '|b1') , ('q', '|u1'),]");
        assertThat(d.names()).containsExactly("index", "px", "q");
        assertThat(d.toString()).isEqualTo("[('index', '<M8[ns]'), ('px', '?'), ('q', 'u1')]");
    }

    @Test
    void namesUsePythonReprQuoting() {
        List<String> names = List.of("it's", "('A', 1)", "both'\"", "back\\slash", "é€", "tab\t");
        StructuredDtype d = StructuredDtype.of(names, List.of(Dtype.INT16, Dtype.FLOAT64, Dtype.INT8, Dtype.INT8,
                Dtype.INT8, Dtype.INT8));
        String s = d.toString();
        assertThat(s).isEqualTo("[(\"it's\", '<i2'), (\"('A', 1)\", '<f8'), ('both\\'\"', 'i1'), "
                + "('back\\\\slash', 'i1'), ('é€', 'i1'), ('tab\\t', 'i1')]");
        assertThat(StructuredDtype.parse(s).names()).isEqualTo(names);
    }

    @Test
    void parsesEscapes() {
        StructuredDtype d = StructuredDtype.parse("[('a\\x41\\u00e9\\U0001F600\\101\\n', '<f8')]");
        assertThat(d.names()).containsExactly("aAé\uD83D\uDE00A\n");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"[('a', '<f8')", "[('a' '<f8')]", "[('a', '<f8', (2,))]", "[]",
        "{'names': ['a'], 'formats': ['<f8'], 'offsets': [0], 'itemsize': 16}", "[('a', '<f8')] x",
        "[('a', '<f8'), ('a', '<i8')]", "[('a', 'O')]", "[(a, '<f8')]"})
    void rejectsMalformedOrUnsupportedStructuredDtypes(String s) {
        assertThatThrownBy(() -> StructuredDtype.parse(s)).isInstanceOf(ArcticSerializationException.class);
    }

    @Test
    void rowSizeAndDatetimeOffset() {
        assertThat(ItemCodec.rowSize("[('a', '<i4'), ('t', '<M8[ns]')]", List.of(-1))).isEqualTo(12);
        assertThat(ItemCodec.rowSize("float64", List.of(-1, 3))).isEqualTo(24);
        assertThat(ItemCodec.rowSize("|S5", List.of(-1, 2, 2))).isEqualTo(20);
        assertThat(ItemCodec.rowSize("int64", null)).isEqualTo(8);
        assertThat(ItemCodec.datetimeFieldOffset("[('a', '<i4'), ('t', '<M8[ns]'), ('u', '<M8[ns]')]"))
                .isEqualTo(4);
        assertThat(ItemCodec.datetimeFieldOffset("[('index', '<i8'), ('v', '<f8')]")).isEqualTo(-1);
        assertThat(ItemCodec.datetimeFieldOffset("datetime64[ns]")).isEqualTo(-1);
        assertThat(DtypeParser.isStructured(" [('a', '<i4')]")).isTrue();
        assertThatThrownBy(() -> ItemCodec.rowSize("[('a', 'O')]", List.of(-1)))
                .isInstanceOf(ArcticSerializationException.class).hasMessageContaining("'O'");
    }
}
