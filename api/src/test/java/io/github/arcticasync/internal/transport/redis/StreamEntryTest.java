package io.github.arcticasync.internal.transport.redis;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parsing of raw XREAD / XREADGROUP / XRANGE / XAUTOCLAIM replies, shaped as Jedis returns them (byte arrays). */
class StreamEntryTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aReadReplyOverTwoStreamsKeepsStreamIdAndBinaryFields() {
        byte[] binary = {0, (byte) 0xff, 42};
        Object reply = List.of(
                List.of(b("aa:{ns:1}:req"), List.of(
                        List.of(b("1-0"), List.of(b("id"), b("1-abc"), b("env"), binary)),
                        List.of(b("1-1"), List.of(b("id"), b("1-def"))))),
                List.of(b("aa:{ns:2}:req"), List.of(
                        List.of(b("5-0"), List.of(b("reply"), b("r"))))));
        List<StreamEntry> entries = StreamEntry.fromReadReply(reply);
        assertThat(entries).extracting(StreamEntry::stream)
                .containsExactly("aa:{ns:1}:req", "aa:{ns:1}:req", "aa:{ns:2}:req");
        assertThat(entries).extracting(StreamEntry::id).containsExactly("1-0", "1-1", "5-0");
        assertThat(entries.get(0).text("id")).isEqualTo("1-abc");
        assertThat(entries.get(0).fields().get("env")).containsExactly(binary);
        assertThat(entries.get(0).fields().keySet()).containsExactly("id", "env");
        assertThat(entries.get(1).text("env")).isNull();
        assertThat(entries.get(2).text("reply")).isEqualTo("r");
    }

    @Test
    void aTimedOutReadIsNoEntries() {
        assertThat(StreamEntry.fromReadReply(null)).isEmpty();
        assertThat(StreamEntry.fromEntries("s", null)).isEmpty();
    }

    @Test
    void deletedPendingEntriesParseAsEmptyOrAreSkipped() {
        // XAUTOCLAIM on 6.2 gives nil for an entry deleted from the stream; XPENDING-era replies give [id, nil].
        Object entries = Arrays.asList(null, Arrays.asList(b("9-0"), null), List.of(b("9-1"), List.of(b("id"),
                b("x"))));
        List<StreamEntry> out = StreamEntry.fromEntries("s", entries);
        assertThat(out).extracting(StreamEntry::id).containsExactly("9-0", "9-1");
        assertThat(out.get(0).fields()).isEmpty();
        assertThat(out.get(1).text("id")).isEqualTo("x");
    }

    @Test
    void fieldsAreUnmodifiableAndToStringHidesValues() {
        StreamEntry e = StreamEntry.fromEntries("s", List.of(List.of(b("1-0"), List.of(b("env"), b("secret")))))
                .get(0);
        assertThatThrownBy(() -> e.fields().put("x", new byte[0])).isInstanceOf(UnsupportedOperationException.class);
        assertThat(e.toString()).contains("s", "1-0", "env").doesNotContain("secret");
    }

    @Test
    void anOddTrailingFieldIsIgnored() {
        StreamEntry e = StreamEntry.fromEntries("s", List.of(List.of(b("1-0"), List.of(b("a"), b("1"), b("b")))))
                .get(0);
        assertThat(e.fields().keySet()).containsExactly("a");
    }
}
