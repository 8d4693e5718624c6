package io.github.arcticasync.store.internal.mongo;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.Document;

/**
 * Arctic's {@code stats()} (arctic-format.md §4.9). Servers without {@code collStats}/{@code dbStats} get an
 * estimate from document counts and the BSON sizes of a sample, marked {@code estimated: true}, so that the quota
 * check keeps working.
 */
final class LibraryStats {
    private static final int SAMPLE = 100;

    private final LibraryCollections c;

    LibraryStats(LibraryCollections c) {
        this.c = c;
    }

    Map<String, Object> stats() {
        Map<String, Object> res = new LinkedHashMap<>();
        res.put("sharding", Map.of());
        res.put("dbstats", dbStats());
        Map<String, Object> chunks = collStats(c.segments());
        Map<String, Object> versions = collStats(c.versions());
        Map<String, Object> snaps = collStats(c.snapshots());
        res.put("chunks", chunks);
        res.put("versions", versions);
        res.put("snapshots", snaps);
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("count", number(chunks.get("count")));
        totals.put("size", number(chunks.get("size")) + number(versions.get("size")) + number(snaps.get("size")));
        res.put("totals", totals);
        return res;
    }

    /** {@code totals.size} and {@code totals.count}, as the quota check needs them. */
    long[] sizeAndCount() {
        Map<String, Object> chunks = collStats(c.segments());
        long size = number(chunks.get("size")) + number(collStats(c.versions()).get("size"))
                + number(collStats(c.snapshots()).get("size"));
        return new long[] {size, number(chunks.get("count"))};
    }

    private static long number(Object o) {
        return o instanceof Number n ? n.longValue() : 0L;
    }

    private Map<String, Object> dbStats() {
        try {
            return BsonValues.toJavaMap(c.database().runCommand(new Document("dbstats", 1)));
        } catch (MongoException e) {
            return Map.of("estimated", true, "error", String.valueOf(e.getMessage()));
        }
    }

    private Map<String, Object> collStats(MongoCollection<Document> coll) {
        String name = coll.getNamespace().getCollectionName();
        try {
            Document d = c.database().runCommand(new Document("collstats", name));
            if (d.get("size") instanceof Number && d.get("count") instanceof Number) {
                return BsonValues.toJavaMap(d);
            }
        } catch (MongoException e) {
            // Fall through to the estimate: embedded servers may not implement collStats.
        }
        return estimate(coll);
    }

    static Map<String, Object> estimate(MongoCollection<Document> coll) {
        long count = coll.countDocuments();
        long sampled = 0;
        long bytes = 0;
        for (Document d : coll.find().limit(SAMPLE)) {
            bytes += BsonValues.encodedSize(d, "stored document");
            sampled++;
        }
        long size = sampled == 0 ? 0 : bytes * count / sampled;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ns", coll.getNamespace().getFullName());
        out.put("count", count);
        out.put("size", size);
        out.put("avgObjSize", count == 0 ? 0 : size / count);
        out.put("estimated", true);
        out.put("indexes", List.of());
        return out;
    }
}
