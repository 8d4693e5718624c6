package io.github.arcticasync.store.compat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * Compares a server's Arctic documents with a golden dump written by Python Arctic, field by field, after a
 * normalisation that removes only what legitimately differs between two runs.
 *
 * <p>What is normalised and why:
 * <ul>
 *   <li>ObjectIds: version and snapshot ids become labels ({@code version(sym v2)}, {@code snapshot(snap1)}), so
 *       every reference ({@code parent}, {@code base_version_id}) must point at the corresponding document.
 *       Server-generated ids (segments, version_nums, meta_db.cache) become {@code <server id>}.</li>
 *   <li>Dates become {@code <date>}, only when they are BSON dates (a wrong type still shows).</li>
 *   <li>Segment {@code data} is compared decompressed, and {@code segment_index} too: LZ4 allows many valid
 *       encodings of the same bytes, so only the decoded bytes are the contract.</li>
 *   <li>Segment {@code sha}: it is SHA-1 over the <em>compressed</em> bytes (arctic-format.md 2.7), so two valid
 *       compressors give different shas for the same rows. Instead of comparing the raw value, each side's sha must
 *       follow the rule over its own stored bytes; then it becomes {@code <sha rule holds>}. Where the compressed
 *       bytes are equal this is the same as comparing shas; where they differ it is the only meaningful check.
 *       Differing compressed bytes are reported as notes, not failures (they only cost de-duplication).</li>
 *   <li>Index {@code background} and {@code v} are not compared: servers ignore {@code background} since 4.2 and
 *       {@code v} is the server's index format version.</li>
 * </ul>
 * Everything else is exact: field presence, BSON types (Int32 vs Int64), values, dtype strings, document counts,
 * collection names and index keys/uniqueness/TTL.
 */
final class LayoutComparator {

    private static final Set<String> SYSTEM_DATABASES = GoldenLoader.SYSTEM_DATABASES;

    private final Mismatches m;
    private final List<String> notes = new ArrayList<>();

    LayoutComparator(Mismatches m) {
        this.m = m;
    }

    List<String> notes() {
        return notes;
    }

    /** Compares everything on the server with the golden dump's {@code databases}. */
    void compare(BsonDocument goldenDump, MongoClient client) {
        BsonDocument golden = goldenDump.getDocument("databases");
        BsonDocument actual = dump(client);
        Set<String> dbs = new TreeSet<>(golden.keySet());
        dbs.addAll(actual.keySet());
        for (String db : dbs) {
            if (!golden.containsKey(db)) {
                m.add("database " + db, "not written by Python Arctic, but present: collections "
                        + actual.getDocument(db).keySet());
                continue;
            }
            if (!actual.containsKey(db)) {
                m.add("database " + db, "missing (Python Arctic wrote collections " + golden.getDocument(db).keySet()
                        + ")");
                continue;
            }
            compareDatabase(db, golden.getDocument(db), actual.getDocument(db));
        }
    }

    /** Every non-system database, collection, document and index, in the golden dump's shape. */
    static BsonDocument dump(MongoClient client) {
        BsonDocument databases = new BsonDocument();
        for (String dbName : client.listDatabaseNames()) {
            if (SYSTEM_DATABASES.contains(dbName)) {
                continue;
            }
            MongoDatabase db = client.getDatabase(dbName);
            BsonDocument collections = new BsonDocument();
            for (String collName : new TreeSet<>(db.listCollectionNames().into(new ArrayList<>()))) {
                if (collName.startsWith("system.")) {
                    continue;
                }
                BsonArray documents = new BsonArray(
                        db.getCollection(collName, BsonDocument.class).find().into(new ArrayList<>()));
                BsonArray indexes = new BsonArray(
                        db.getCollection(collName).listIndexes(BsonDocument.class).into(new ArrayList<>()));
                collections.append(collName, new BsonDocument("documents", documents).append("indexes", indexes));
            }
            databases.append(dbName, collections);
        }
        return databases;
    }

    private void compareDatabase(String db, BsonDocument golden, BsonDocument actual) {
        m.check("collections of " + db, new TreeSet<>(golden.keySet()), new TreeSet<>(actual.keySet()));
        Map<BsonValue, String> goldenLabels = labels(golden);
        Map<BsonValue, String> actualLabels = labels(actual);
        for (String coll : golden.keySet()) {
            if (!actual.containsKey(coll)) {
                continue;
            }
            String where = db + "." + coll;
            compareIndexes(where, golden.getDocument(coll).getArray("indexes"),
                    actual.getDocument(coll).getArray("indexes"));
            Map<String, BsonDocument> expectedDocs = keyed(where, coll, golden.getDocument(coll), goldenLabels, "golden");
            Map<String, BsonDocument> actualDocs = keyed(where, coll, actual.getDocument(coll), actualLabels, "java");
            Set<String> keys = new LinkedHashSet<>(expectedDocs.keySet());
            keys.addAll(actualDocs.keySet());
            for (String key : keys) {
                BsonDocument expected = expectedDocs.get(key);
                BsonDocument found = actualDocs.get(key);
                if (found == null) {
                    m.add(where + "[" + key + "]", "document missing; Python Arctic wrote " + show(expected));
                } else if (expected == null) {
                    m.add(where + "[" + key + "]", "unexpected document " + show(found));
                } else {
                    diff(where + "[" + key + "]", expected, found);
                }
            }
        }
    }

    /** Labels for version and snapshot ObjectIds, from the documents themselves. */
    private static Map<BsonValue, String> labels(BsonDocument collections) {
        Map<BsonValue, String> labels = new HashMap<>();
        for (String coll : collections.keySet()) {
            for (BsonValue value : collections.getDocument(coll).getArray("documents")) {
                BsonDocument doc = value.asDocument();
                if (coll.endsWith(".versions") && doc.containsKey("_id")) {
                    labels.put(doc.get("_id"), "version(" + str(doc, "symbol") + " v" + str(doc, "version") + ")");
                } else if (coll.endsWith(".snapshots") && doc.containsKey("_id")) {
                    labels.put(doc.get("_id"), "snapshot(" + str(doc, "name") + ")");
                }
            }
        }
        return labels;
    }

    private Map<String, BsonDocument> keyed(String where, String coll, BsonDocument collection,
                                            Map<BsonValue, String> labels, String side) {
        Map<String, BsonDocument> out = new TreeMap<>();
        for (BsonValue value : collection.getArray("documents")) {
            BsonDocument doc = normalise(where, coll, value.asDocument(), labels, side);
            String key = key(coll, doc);
            String unique = key;
            for (int i = 2; out.containsKey(unique); i++) {
                unique = key + " #" + i;
            }
            out.put(unique, doc);
        }
        return out;
    }

    private static String key(String coll, BsonDocument doc) {
        if (coll.endsWith(".versions")) {
            return "symbol=" + str(doc, "symbol") + " version=" + str(doc, "version");
        }
        if (coll.endsWith(".snapshots")) {
            return "name=" + str(doc, "name");
        }
        if (coll.endsWith(".version_nums")) {
            return "symbol=" + str(doc, "symbol");
        }
        if (coll.endsWith(".ARCTIC")) {
            return "_id=" + str(doc, "_id");
        }
        if (coll.equals("cache")) {
            return "type=" + str(doc, "type");
        }
        if (!coll.contains(".")) {
            return "symbol=" + str(doc, "symbol") + " segment=" + str(doc, "segment") + " parent="
                    + (doc.isArray("parent") ? doc.getArray("parent").stream().map(v -> v.isString()
                    ? v.asString().getValue() : v.toString()).toList().toString() : "-");
        }
        return doc.toJson();
    }

    private static String str(BsonDocument doc, String field) {
        BsonValue v = doc.get(field);
        if (v == null) {
            return "-";
        }
        if (v.isString()) {
            return v.asString().getValue();
        }
        if (v.isNumber()) {
            return String.valueOf(v.asNumber().longValue());
        }
        return v.toString();
    }

    private BsonDocument normalise(String where, String coll, BsonDocument original, Map<BsonValue, String> labels,
                                   String side) {
        BsonDocument doc = (BsonDocument) relabel(original, labels);
        boolean serverId = coll.endsWith(".version_nums") || coll.equals("cache") || !coll.contains(".");
        if (serverId && original.isObjectId("_id")) {
            doc.put("_id", new BsonString("<server id>"));
        }
        if (!coll.contains(".") && original.containsKey("data") && original.get("data").isBinary()) {
            segment(where, doc, original, side);
        }
        if (coll.endsWith(".versions") && original.containsKey("segment_index")
                && original.get("segment_index").isBinary()) {
            doc.put("segment_index", decompressed(original.getBinary("segment_index").getData(),
                    where + " segment_index (" + side + ")"));
        }
        return doc;
    }

    private void segment(String where, BsonDocument doc, BsonDocument original, String side) {
        byte[] stored = original.getBinary("data").getData();
        boolean compressed = original.containsKey("compressed") && original.getBoolean("compressed").getValue();
        if (compressed) {
            doc.put("data", decompressed(stored, where + " data (" + side + ")"));
            doc.put("compressed data sha1 (informational)", new BsonString(hex(sha1(stored))));
        }
        if (original.containsKey("sha") && original.get("sha").isBinary()) {
            byte[] rule = segmentSha(original);
            if (Arrays.equals(rule, original.getBinary("sha").getData())) {
                doc.put("sha", new BsonString("<sha rule holds>"));
            } else {
                doc.put("sha", new BsonString("<sha rule broken: stored " + hex(original.getBinary("sha").getData())
                        + ", rule gives " + hex(rule) + ">"));
            }
        }
    }

    /** arctic-format.md 2.7: SHA1(ascii(symbol) ‖ str(segment) ‖ data ‖ str(compressed)), keys reverse-sorted. */
    static byte[] segmentSha(BsonDocument segment) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(segment.getString("symbol").getValue().getBytes(StandardCharsets.US_ASCII));
            sha1.update(String.valueOf(segment.getNumber("segment").longValue()).getBytes(StandardCharsets.US_ASCII));
            sha1.update(segment.getBinary("data").getData());
            if (segment.containsKey("compressed")) {
                sha1.update((segment.getBoolean("compressed").getValue() ? "True" : "False")
                        .getBytes(StandardCharsets.US_ASCII));
            }
            return sha1.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private BsonValue decompressed(byte[] framed, String what) {
        try {
            return new BsonDocument("decompressed", new BsonBinary(Lz4.decompress(framed)));
        } catch (RuntimeException e) {
            return new BsonString("<not a python-lz4 block: " + e.getMessage() + ">");
        }
    }

    private static BsonValue relabel(BsonValue value, Map<BsonValue, String> labels) {
        if (value.isObjectId()) {
            String label = labels.get(value);
            return new BsonString(label != null ? label : "<ObjectId of no version or snapshot>");
        }
        if (value.isDateTime()) {
            return new BsonString("<date>");
        }
        if (value.isDocument()) {
            BsonDocument out = new BsonDocument();
            value.asDocument().forEach((k, v) -> out.append(k, relabel(v, labels)));
            return out;
        }
        if (value.isArray()) {
            BsonArray out = new BsonArray();
            value.asArray().forEach(v -> out.add(relabel(v, labels)));
            return out;
        }
        return value;
    }

    /** Field-by-field difference; informational fields only produce notes. */
    private void diff(String where, BsonValue expected, BsonValue actual) {
        if (expected.isDocument() && actual.isDocument()) {
            BsonDocument e = expected.asDocument();
            BsonDocument a = actual.asDocument();
            Set<String> fields = new LinkedHashSet<>(e.keySet());
            fields.addAll(a.keySet());
            for (String field : fields) {
                String path = where + "." + field;
                if (field.endsWith("(informational)")) {
                    if (e.containsKey(field) && a.containsKey(field) && !e.get(field).equals(a.get(field))) {
                        notes.add(path.replace(" sha1 (informational)", "") + ": compressed bytes differ from "
                                + "python-lz4's (decompressed bytes compared separately)");
                    }
                    continue;
                }
                if (!a.containsKey(field)) {
                    m.add(path, "field missing; Python Arctic wrote " + show(e.get(field)));
                } else if (!e.containsKey(field)) {
                    m.add(path, "unexpected field " + show(a.get(field)));
                } else {
                    diff(path, e.get(field), a.get(field));
                }
            }
            return;
        }
        if (expected.isArray() && actual.isArray() && expected.asArray().size() == actual.asArray().size()) {
            for (int i = 0; i < expected.asArray().size(); i++) {
                diff(where + "[" + i + "]", expected.asArray().get(i), actual.asArray().get(i));
            }
            return;
        }
        if (expected.isBinary() && actual.isBinary() && !expected.equals(actual)) {
            byte[] e = expected.asBinary().getData();
            byte[] a = actual.asBinary().getData();
            int first = Arrays.mismatch(e, a);
            m.add(where, "bytes differ at offset " + first + " (expected " + e.length + " bytes, actual " + a.length
                    + "; subtype " + expected.asBinary().getType() + " vs " + actual.asBinary().getType()
                    + "): expected " + show(expected) + ", actual " + show(actual));
            return;
        }
        if (!expected.equals(actual)) {
            m.add(where, "expected " + show(expected) + ", actual " + show(actual));
        }
    }

    private void compareIndexes(String where, BsonArray golden, BsonArray actual) {
        m.check("indexes of " + where, indexSummary(golden, true), indexSummary(actual, false));
    }

    /** name -> key (ordered), unique, expireAfterSeconds. */
    private static Map<String, String> indexSummary(BsonArray indexes, boolean goldenForm) {
        Map<String, String> out = new TreeMap<>();
        for (BsonValue value : indexes) {
            BsonDocument index = value.asDocument();
            BsonDocument key = goldenForm ? GoldenLoader.keyDocument(index.getArray("key")) : index.getDocument("key");
            StringBuilder text = new StringBuilder("{");
            key.forEach((field, direction) -> text.append(field).append(':')
                    .append(direction.isNumber() ? String.valueOf(direction.asNumber().longValue())
                            : direction.isString() ? direction.asString().getValue() : direction.toString())
                    .append(' '));
            text.append('}');
            if (index.containsKey("unique") && index.getBoolean("unique").getValue()) {
                text.append(" unique");
            }
            if (index.containsKey("expireAfterSeconds")) {
                text.append(" expireAfterSeconds=").append(index.getNumber("expireAfterSeconds").longValue());
            }
            out.put(index.getString("name").getValue(), text.toString());
        }
        return out;
    }

    private static String show(BsonValue value) {
        if (value == null) {
            return "nothing";
        }
        String type = value.getBsonType().name();
        String text;
        if (value.isBinary()) {
            byte[] data = value.asBinary().getData();
            text = data.length + " bytes " + (data.length <= 96 ? Base64.getEncoder().encodeToString(data)
                    : "sha1 " + hex(sha1(data)));
        } else if (value.isDocument() && value.asDocument().containsKey("decompressed")) {
            return "decompressed " + show(value.asDocument().get("decompressed"));
        } else {
            text = value.isDocument() ? value.asDocument().toJson() : value.toString();
            if (text.length() > 400) {
                text = text.substring(0, 400) + "...";
            }
        }
        return type + " " + text;
    }

    private static byte[] sha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }
}
