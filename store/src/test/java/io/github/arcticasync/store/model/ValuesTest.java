package io.github.arcticasync.store.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.arcticasync.store.DateRange;
import io.github.arcticasync.store.NdArray;
import io.github.arcticasync.store.Series;
import io.github.arcticasync.store.UnreadableItem;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import org.junit.jupiter.api.Test;

/** Series, NdArray, DateRange and UnreadableItem values. */
class ValuesTest {

    @Test
    void dateRangeConvertsEveryKindOfEndToUtcNanos() {
        DateRange r = DateRange.of(LocalDate.of(2020, 1, 1), LocalDateTime.of(2020, 1, 2, 12, 0));
        assertThat(r.startNanos()).isEqualTo(1_577_836_800_000_000_000L);
        assertThat(r.endNanos()).isEqualTo(1_577_966_400_000_000_000L);
        assertThat(r.interval()).isEqualTo(DateRange.Interval.CLOSED_CLOSED);
        ZonedDateTime ny = ZonedDateTime.of(2020, 1, 1, 0, 0, 0, 0, ZoneId.of("America/New_York"));
        assertThat(DateRange.of(ny, null).start()).isEqualTo(Instant.parse("2020-01-01T05:00:00Z"));
        assertThat(DateRange.of(Instant.ofEpochSecond(1, 5), null).startNanos()).isEqualTo(1_000_000_005L);
        assertThat(DateRange.of(null, null).closedStartNanos()).isEqualTo(Long.MIN_VALUE);
        assertThat(DateRange.of(null, null).closedEndNanos()).isEqualTo(Long.MAX_VALUE);
        assertThat(DateRange.Interval.CLOSED_CLOSED.code()).isEqualTo(1104);
        assertThat(DateRange.Interval.OPEN_CLOSED.code()).isEqualTo(1101);
    }

    @Test
    void dateRangeOpenEndsMoveByOneMillisecond() {
        DateRange r = DateRange.ofNanos(10_000_000L, 20_000_000L, DateRange.Interval.OPEN_OPEN);
        assertThat(r.closedStartNanos()).isEqualTo(11_000_000L);
        assertThat(r.closedEndNanos()).isEqualTo(19_000_000L);
        assertThat(r.contains(11_000_000L)).isTrue();
        assertThat(r.contains(10_999_999L)).isFalse();
        assertThat(r).isEqualTo(DateRange.ofNanos(10_000_000L, 20_000_000L, DateRange.Interval.OPEN_OPEN));
        assertThat(r.toString()).contains("OPEN_OPEN");
    }

    @Test
    void dateRangeRejectsBadInput() {
        assertThatThrownBy(() -> DateRange.of(LocalDate.of(2020, 1, 2), LocalDate.of(2020, 1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("after");
        assertThatThrownBy(() -> DateRange.of(LocalTime.NOON, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("LocalTime");
        assertThatThrownBy(() -> DateRange.of(null, null, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> DateRange.of(LocalDate.of(3000, 1, 1), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("range");
    }

    @Test
    void seriesIsANamedColumnOverAnIndex() {
        Series s = Series.of("px", new long[] {1, 2}, "UTC", new double[] {1.5, Double.NaN});
        assertThat(s.name()).isEqualTo("px");
        assertThat(s.indexNanos()).containsExactly(1, 2);
        assertThat(s.indexTimezone()).isEqualTo("UTC");
        assertThat(s.indexName()).isNull();
        assertThat(s.withIndexName("date").indexName()).isEqualTo("date");
        assertThat(s.values()).isEqualTo(new double[] {1.5, Double.NaN});
        assertThat(s.dtype()).isEqualTo("<f8");
        assertThat(s).isEqualTo(Series.of("px", new long[] {1, 2}, "UTC", new double[] {1.5, Double.NaN}));
        assertThat(Series.of("", null, new int[] {1}).name()).isEqualTo("values");
        assertThat(s.toString()).contains("px").contains("1.5");
        assertThatThrownBy(() -> Series.of("x", new long[] {1}, new double[] {1, 2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x");
        assertThatThrownBy(() -> Series.of("x", null, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> Series.of("x", null, new Object[] {1})).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void ndArrayHasAShapeOrFields() {
        NdArray a = NdArray.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertThat(a.shape()).containsExactly(2, 3);
        assertThat(a.dtype()).isEqualTo("float64");
        assertThat(a.values()).isEqualTo(new double[] {1, 2, 3, 4, 5, 6});
        assertThat(a.isStructured()).isFalse();
        assertThat(a.fieldNames()).isEmpty();
        assertThat(NdArray.of(new long[] {1, 2}).shape()).containsExactly(2);
        assertThat(NdArray.of(new boolean[] {true}).dtype()).isEqualTo("bool");
        assertThat(NdArray.of(new String[] {"abc"}).dtype()).isEqualTo("<U3");
        assertThat(a).isEqualTo(NdArray.of(new double[] {1, 2, 3, 4, 5, 6}, 2, 3))
                .isNotEqualTo(NdArray.of(new double[] {1, 2, 3, 4, 5, 6}, 3, 2));
        assertThatThrownBy(() -> NdArray.of(new double[] {1, 2, 3}, 2, 2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 2]");
        assertThatThrownBy(() -> NdArray.of("text")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("String");

        LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
        fields.put("id", new int[] {1, 2, 3});
        fields.put("val", new double[] {1.5, 2.5, -0.5});
        NdArray s = NdArray.ofFields(fields);
        assertThat(s.isStructured()).isTrue();
        assertThat(s.shape()).containsExactly(3);
        assertThat(s.dtype()).isEqualTo("[('id', '<i4'), ('val', '<f8')]");
        assertThat(s.fieldNames()).containsExactly("id", "val");
        assertThat(s.field("val")).isEqualTo(new double[] {1.5, 2.5, -0.5});
        assertThatThrownBy(s::values).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> s.field("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope");
        fields.put("bad", new int[] {1});
        assertThatThrownBy(() -> NdArray.ofFields(fields)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad");
        assertThatThrownBy(() -> NdArray.ofFields(new LinkedHashMap<>())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unreadableItemSaysWhy() {
        byte[] raw = {1, 2, 3};
        UnreadableItem u = UnreadableItem.of("default", "pickled Python object", raw);
        raw[0] = 9;
        assertThat(u.storedType()).isEqualTo("default");
        assertThat(u.reason()).isEqualTo("pickled Python object");
        assertThat(u.rawBytes()).containsExactly(1, 2, 3);
        assertThat(u.toString()).contains("pickled Python object").contains("3 bytes");
        assertThat(UnreadableItem.of("default", "x", null).rawBytes()).isNull();
        assertThat(u).isEqualTo(UnreadableItem.of("default", "pickled Python object", new byte[] {1, 2, 3}));
        assertThatThrownBy(() -> UnreadableItem.of(null, "x", null)).isInstanceOf(NullPointerException.class);
    }
}
