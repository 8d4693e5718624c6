package io.github.arcticasync.store.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.arcticasync.store.DataFrame;
import io.github.arcticasync.store.DateRange;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The DataFrame value: builder, accessors, immutability, equality, slicing and validation. */
class DataFrameTest {
    private static final long DAY = 86_400_000_000_000L;
    private static final long JAN1 = 1_577_836_800_000_000_000L; // 2020-01-01

    private static DataFrame sample() {
        return DataFrame.builder()
                .datetimeIndex(new long[] {JAN1, JAN1 + DAY, JAN1 + 2 * DAY}, "America/New_York").indexName("date")
                .column("price", new double[] {1.5, Double.NaN, 3.5})
                .column("f32", new float[] {1f, 2f, 3f})
                .column("qty", new long[] {1, 2, 3})
                .column("n", new int[] {4, 5, 6})
                .column("ok", new boolean[] {true, false, true})
                .column("sym", new String[] {"a", "bbbbb", ""})
                .column("code", new byte[][] {{65}, {66, 67, 68, 69}, {}})
                .datetimeColumn("ts", new long[] {1, 2, Long.MIN_VALUE})
                .build();
    }

    @Test
    void exposesIndexColumnsAndNumpyDtypes() {
        DataFrame df = sample();
        assertThat(df.rowCount()).isEqualTo(3);
        assertThat(df.columnNames()).containsExactly("price", "f32", "qty", "n", "ok", "sym", "code", "ts");
        assertThat(df.indexNanos()).containsExactly(JAN1, JAN1 + DAY, JAN1 + 2 * DAY);
        assertThat(df.indexName()).isEqualTo("date");
        assertThat(df.indexTimezone()).isEqualTo("America/New_York");
        assertThat(df.isRangeIndex()).isFalse();
        assertThat(df.indexLevelNames()).containsExactly("date");
        assertThat(df.dtype("price")).isEqualTo("<f8");
        assertThat(df.dtype("f32")).isEqualTo("<f4");
        assertThat(df.dtype("qty")).isEqualTo("<i8");
        assertThat(df.dtype("n")).isEqualTo("<i4");
        assertThat(df.dtype("ok")).isEqualTo("|b1");
        assertThat(df.dtype("sym")).isEqualTo("<U5");
        assertThat(df.dtype("code")).isEqualTo("|S4");
        assertThat(df.dtype("ts")).isEqualTo("<M8[ns]");
        assertThat(df.doubleColumn("price")).containsExactly(1.5, Double.NaN, 3.5);
        assertThat(df.floatColumn("f32")).containsExactly(1f, 2f, 3f);
        assertThat(df.longColumn("ts")).containsExactly(1, 2, Long.MIN_VALUE);
        assertThat(df.intColumn("n")).containsExactly(4, 5, 6);
        assertThat(df.booleanColumn("ok")).containsExactly(true, false, true);
        assertThat(df.stringColumn("sym")).containsExactly("a", "bbbbb", "");
        assertThat(df.bytesColumn("code")).isDeepEqualTo(new byte[][] {{65}, {66, 67, 68, 69}, {}});
        assertThat(df.column("qty")).isEqualTo(new long[] {1, 2, 3});
    }

    @Test
    void isImmutable() {
        double[] px = {1, 2};
        long[] idx = {1, 2};
        DataFrame df = DataFrame.builder().datetimeIndex(idx).column("px", px).build();
        px[0] = 99;
        idx[0] = 99;
        df.doubleColumn("px")[1] = 99;
        ((double[]) df.column("px"))[1] = 99;
        df.indexNanos()[1] = 99;
        assertThat(df.doubleColumn("px")).containsExactly(1, 2);
        assertThat(df.indexNanos()).containsExactly(1, 2);
        assertThatThrownBy(() -> df.columnNames().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void equalityIsByValueWithNanEqualToNan() {
        assertThat(sample()).isEqualTo(sample()).hasSameHashCodeAs(sample());
        DataFrame other = DataFrame.builder().datetimeIndex(new long[] {JAN1, JAN1 + DAY, JAN1 + 2 * DAY})
                .indexName("date").column("price", new double[] {1.5, Double.NaN, 3.5}).build();
        DataFrame otherTz = DataFrame.builder().datetimeIndex(new long[] {JAN1, JAN1 + DAY, JAN1 + 2 * DAY}, "UTC")
                .indexName("date").column("price", new double[] {1.5, Double.NaN, 3.5}).build();
        assertThat(other).isNotEqualTo(sample()).isNotEqualTo(otherTz);
        DataFrame asInt32 = DataFrame.builder().column("v", new int[] {1}).build();
        DataFrame asInt64 = DataFrame.builder().column("v", new long[] {1}).build();
        assertThat(asInt32).isNotEqualTo(asInt64);
    }

    @Test
    void toStringShowsShapeDtypesAndFirstRows() {
        String s = sample().toString();
        assertThat(s).contains("3 rows x 8 columns").contains("date <M8[ns] tz=America/New_York")
                .contains("price (<f8)").contains("NaN").contains("'bbbbb'").contains("2020-01-02T00:00:00Z")
                .contains("NaT");
        DataFrame big = DataFrame.builder().column("v", new long[25]).build();
        assertThat(big.toString()).contains("RangeIndex").contains("15 more rows");
    }

    @Test
    void multiIndexLevels() {
        DataFrame df = DataFrame.builder().datetimeIndex(new long[] {1, 1}).indexName("date")
                .indexLevel("ticker", new String[] {"AAA", "BBB"}).column("px", new double[] {1, 2}).build();
        assertThat(df.indexLevelNames()).containsExactly("date", "ticker");
        assertThat(df.indexLevel("ticker")).isEqualTo(new String[] {"AAA", "BBB"});
        assertThat(df.indexLevel("date")).isEqualTo(new long[] {1, 1});
        assertThat(df.indexLevelDtype("ticker")).isEqualTo("<U3");
        assertThatThrownBy(() -> df.indexLevel("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope");
    }

    @Test
    void sliceFollowsArcticsClosedBoundsWithOneMillisecondForOpenEnds() {
        DataFrame df = sample();
        Instant d1 = Instant.parse("2020-01-01T00:00:00Z");
        Instant d3 = Instant.parse("2020-01-03T00:00:00Z");
        assertThat(df.slice(DateRange.of(d1, d3)).rowCount()).isEqualTo(3);
        assertThat(df.slice(DateRange.of(d1, d3, DateRange.Interval.OPEN_OPEN)).indexNanos())
                .containsExactly(JAN1 + DAY);
        assertThat(df.slice(DateRange.of(d1, d3, DateRange.Interval.CLOSED_OPEN)).indexNanos())
                .containsExactly(JAN1, JAN1 + DAY);
        assertThat(df.slice(DateRange.of(d1, d3, DateRange.Interval.OPEN_CLOSED)).indexNanos())
                .containsExactly(JAN1 + DAY, JAN1 + 2 * DAY);
        assertThat(df.slice(DateRange.of(LocalDate.of(2020, 1, 2), null)).doubleColumn("price"))
                .containsExactly(Double.NaN, 3.5);
        // An open start moves by a millisecond, not a nanosecond: a row 0.5 ms after it is excluded, as in Arctic.
        DataFrame fine = DataFrame.builder().datetimeIndex(new long[] {JAN1 + 500_000, JAN1 + 1_000_000})
                .column("v", new int[] {1, 2}).build();
        assertThat(fine.slice(DateRange.of(d1, null, DateRange.Interval.OPEN_CLOSED)).intColumn("v"))
                .containsExactly(2);
        assertThat(df.slice(DateRange.of(null, null))).isEqualTo(df);
    }

    @Test
    void sliceUsesTheFirstDatetimeColumnWithoutADatetimeIndex() {
        DataFrame df = DataFrame.builder().column("v", new int[] {1, 2, 3})
                .datetimeColumn("t", new long[] {JAN1, JAN1 + DAY, JAN1 + 2 * DAY}).build();
        assertThat(df.slice(DateRange.of(LocalDate.of(2020, 1, 2), null)).intColumn("v")).containsExactly(2, 3);
        DataFrame noDates = DataFrame.builder().column("v", new int[] {1, 2}).build();
        assertThat(noDates.slice(DateRange.of(LocalDate.of(2020, 1, 2), null))).isSameAs(noDates);
    }

    @Test
    void validatesInput() {
        assertThatThrownBy(() -> DataFrame.builder().datetimeIndex(new long[] {1, 2})
                .column("short", new double[] {1}).build()).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("short").hasMessageContaining("1").hasMessageContaining("2");
        assertThatThrownBy(() -> DataFrame.builder().column("a", new double[] {1}).column("a", new long[] {1}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate column name 'a'");
        assertThatThrownBy(() -> DataFrame.builder().column("a", (double[]) null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("column a");
        assertThatThrownBy(() -> DataFrame.builder().column(null, new double[] {1}))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("column name");
        assertThatThrownBy(() -> DataFrame.builder().column("s", new String[] {"x", null}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("column s").hasMessageContaining("row 1");
        assertThatThrownBy(() -> DataFrame.builder().datetimeIndex(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("index");
        assertThatThrownBy(() -> DataFrame.builder().column("u", new long[] {1}, "|u1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("u");
        assertThatThrownBy(() -> DataFrame.builder().column("o", new long[] {1}, "O"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'O'");
        assertThatThrownBy(() -> DataFrame.builder().column("s", new String[] {"toolong"}, "<U3"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("<U7");
        assertThatThrownBy(() -> DataFrame.builder().indexName("x").build())
                .isInstanceOf(IllegalArgumentException.class);
        DataFrame df = sample();
        assertThatThrownBy(() -> df.doubleColumn("qty")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("qty").hasMessageContaining("<i8");
        assertThatThrownBy(() -> df.column("missing")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("missing");
        assertThatThrownBy(() -> df.slice(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void explicitDtypesForUnsignedAndWideStrings() {
        DataFrame df = DataFrame.builder().column("u8", new byte[] {(byte) 200}, "|u1")
                .column("s", new String[] {"ab"}, "<U10").build();
        assertThat(df.dtype("u8")).isEqualTo("|u1");
        assertThat(df.dtype("s")).isEqualTo("<U10");
        assertThat(df.toString()).contains("200");
    }
}
