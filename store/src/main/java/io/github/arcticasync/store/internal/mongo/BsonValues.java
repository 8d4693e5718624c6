package io.github.arcticasync.store.internal.mongo;

import io.github.arcticasync.store.ArcticSerializationException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;
import org.bson.codecs.configuration.CodecConfigurationException;
import org.bson.types.Binary;
import org.bson.types.Decimal128;

/**
 * Converts between user values (metadata, inline {@code default} data) and BSON documents: plain Java maps, lists,
 * byte arrays and instants out; eager encoding in, so unencodable values fail before anything is written.
 */
final class BsonValues {
    private static final DocumentCodec CODEC = new DocumentCodec();

    private BsonValues() {
    }

    /** A Document for {@code map} after checking that it encodes; null stays null. */
    static Document toDocument(Map<String, Object> map, String what) {
        if (map == null) {
            return null;
        }
        Document doc = new Document();
        for (Map.Entry<String, Object> e : map.entrySet()) {
            if (e.getKey() == null) {
                throw new IllegalArgumentException(what + " has a null key");
            }
            doc.append(e.getKey(), e.getValue());
        }
        encodedSize(doc, what);
        return doc;
    }

    /** The BSON size of {@code doc}; IllegalArgumentException naming the value that does not encode. */
    static int encodedSize(Document doc, String what) {
        try {
            return new RawBsonDocument(doc, CODEC).getByteBuffer().remaining();
        } catch (CodecConfigurationException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalArgumentException(what + " cannot be stored as BSON: " + e.getMessage(), e);
        }
    }

    static Map<String, Object> toJavaMap(Document doc) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : doc.entrySet()) {
            out.put(e.getKey(), toJava(e.getValue()));
        }
        return out;
    }

    static Object toJava(Object v) {
        if (v instanceof Document d) {
            return toJavaMap(d);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(toJava(o));
            }
            return out;
        }
        if (v instanceof Binary b) {
            return b.getData();
        }
        if (v instanceof Date d) {
            return Instant.ofEpochMilli(d.getTime());
        }
        if (v instanceof Decimal128 d) {
            try {
                return d.bigDecimalValue();
            } catch (ArithmeticException e) {
                throw new ArcticSerializationException("Decimal128 " + d + " has no BigDecimal form", e);
            }
        }
        return v;
    }
}
