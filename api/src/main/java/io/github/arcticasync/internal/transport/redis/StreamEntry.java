package io.github.arcticasync.internal.transport.redis;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One stream entry as Redis returned it: the stream it came from, its id and its fields (binary values). Parses the
 * raw replies of XREAD, XREADGROUP, XRANGE and XAUTOCLAIM.
 *
 * @param stream the stream key
 * @param id     the entry id ({@code ms-seq})
 * @param fields field name to value; empty for an entry that was deleted while pending
 */
public record StreamEntry(String stream, String id, Map<String, byte[]> fields) {
    /** A field as UTF-8 text, or null when absent. */
    public String text(String field) {
        byte[] v = fields.get(field);
        return v == null ? null : new String(v, StandardCharsets.UTF_8);
    }

    /** The entries of an XREAD / XREADGROUP reply ({@code [[stream, [[id, [f, v, ...]], ...]], ...]} or null). */
    public static List<StreamEntry> fromReadReply(Object reply) {
        if (reply == null) {
            return List.of();
        }
        List<StreamEntry> out = new ArrayList<>();
        for (Object perStream : (List<?>) reply) {
            List<?> pair = (List<?>) perStream;
            out.addAll(fromEntries(text(pair.get(0)), pair.get(1)));
        }
        return out;
    }

    /** The entries of an XRANGE reply, or of the second element of an XAUTOCLAIM reply. */
    public static List<StreamEntry> fromEntries(String stream, Object entries) {
        if (entries == null) {
            return List.of();
        }
        List<StreamEntry> out = new ArrayList<>();
        for (Object e : (List<?>) entries) {
            if (e == null) {
                continue; // XAUTOCLAIM on Redis 6.2 returns nil for entries deleted from the stream
            }
            List<?> entry = (List<?>) e;
            Map<String, byte[]> fields = new LinkedHashMap<>();
            Object raw = entry.size() > 1 ? entry.get(1) : null;
            if (raw != null) {
                List<?> flat = (List<?>) raw;
                for (int i = 0; i + 1 < flat.size(); i += 2) {
                    fields.put(text(flat.get(i)), (byte[]) flat.get(i + 1));
                }
            }
            out.add(new StreamEntry(stream, text(entry.get(0)), Collections.unmodifiableMap(fields)));
        }
        return out;
    }

    static String text(Object o) {
        return o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(o);
    }

    @Override
    public String toString() {
        return "StreamEntry[" + stream + " " + id + " " + fields.keySet() + "]";
    }
}
