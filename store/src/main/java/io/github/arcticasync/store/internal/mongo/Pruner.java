package io.github.arcticasync.store.internal.mongo;

import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;

/**
 * Prunes old versions (arctic-format.md §2.14) and cleans up their segments (§2.15): of the unsnapshotted versions
 * older than {@code keepMins}, all but the newest go, unless another version still reads their segments.
 */
final class Pruner {
    static final int KEEP_MINS = 120;

    private final LibraryCollections c;
    private final Clock clock;

    Pruner(LibraryCollections c, Clock clock) {
        this.c = c;
        this.clock = clock;
    }

    private record Prunable(List<Object> segmentShas, String config) {
    }

    void prune(String symbol, int keepMins, ObjectId keepVersion, List<?> newVersionShas) {
        long cutoff = clock.instant().getEpochSecond() + 1 - keepMins * 60L;
        Document query = new Document("symbol", symbol)
                .append("$or", List.of(new Document("parent", new Document("$exists", false)),
                        new Document("parent", List.of())))
                .append("_id", new Document("$lt", ObjectIds.fromSeconds(cutoff)));
        Map<ObjectId, Prunable> prunable = new LinkedHashMap<>();
        for (Document d : c.versions().find(query).sort(Sorts.descending("version"))
                .projection(Projections.include("_id", "SEGMENT_SHAS", "FW_POINTERS_CONFIG")).skip(1)) {
            prunable.put(d.getObjectId("_id"), new Prunable(d.getList("SEGMENT_SHAS", Object.class, List.of()),
                    config(d)));
        }
        if (keepVersion != null) {
            prunable.remove(keepVersion);
        }
        if (prunable.isEmpty()) {
            return;
        }
        List<ObjectId> ids = new ArrayList<>(prunable.keySet());
        Set<ObjectId> bases = new HashSet<>();
        for (Document d : c.versions().find(new Document("symbol", symbol)
                        .append("_id", new Document("$nin", ids))
                        .append("base_version_id", new Document("$exists", true)))
                .projection(Projections.include("base_version_id"))) {
            bases.add(d.getObjectId("base_version_id"));
        }
        ids.removeAll(bases);
        if (ids.isEmpty()) {
            return;
        }
        c.versions().deleteMany(new Document("_id", new Document("$in", ids)));
        Set<Object> keepShas = new HashSet<>(newVersionShas == null ? List.of() : newVersionShas);
        List<Object> shasToDelete = new ArrayList<>();
        Set<String> configs = new HashSet<>();
        for (ObjectId id : ids) {
            Prunable p = prunable.get(id);
            configs.add(p.config);
            for (Object sha : p.segmentShas) {
                if (!keepShas.contains(sha)) {
                    shasToDelete.add(sha);
                }
            }
        }
        cleanup(symbol, ids, shasToDelete, configs);
    }

    /** Deletes one version document (Arctic's {@code _delete_version}) unless it is snapshotted. */
    void deleteVersion(String symbol, int version) {
        Document v = c.versions().find(new Document("symbol", symbol).append("version", version)).first();
        if (v == null || !v.getList("parent", Object.class, List.of()).isEmpty()) {
            return;
        }
        c.versions().deleteOne(new Document("_id", v.getObjectId("_id")));
        cleanup(symbol, List.of(v.getObjectId("_id")), v.getList("SEGMENT_SHAS", Object.class, List.of()),
                Set.of(config(v)));
    }

    private static String config(Document d) {
        String cfg = d.getString("FW_POINTERS_CONFIG");
        return cfg == null ? "DISABLED" : cfg;
    }

    private void cleanup(String symbol, List<ObjectId> ids, List<Object> shasToDelete, Set<String> deletedConfigs) {
        Set<String> all = new HashSet<>(deletedConfigs);
        for (Document d : c.versions().find(new Document("symbol", symbol))
                .projection(Projections.include("FW_POINTERS_CONFIG"))) {
            all.add(config(d));
        }
        if (all.isEmpty() || all.equals(Set.of("DISABLED"))) {
            for (ObjectId v : ids) {
                c.segments().deleteMany(new Document("symbol", symbol).append("parent", List.of(v)));
                c.segments().updateMany(new Document("symbol", symbol).append("parent", v),
                        new Document("$pull", new Document("parent", v)));
            }
            // One, not many: Arctic's quirk, kept so both implementations leave the same documents.
            c.segments().deleteOne(new Document("symbol", symbol).append("parent", List.of()));
            return;
        }
        Set<Object> stillReferenced = referencedShas(symbol);
        if (!all.contains("DISABLED")) {
            List<Object> gone = new ArrayList<>();
            for (Object sha : shasToDelete) {
                if (!stillReferenced.contains(sha)) {
                    gone.add(sha);
                }
            }
            if (!gone.isEmpty()) {
                c.segments().deleteMany(new Document("symbol", symbol).append("sha", new Document("$in", gone)));
            }
            return;
        }
        c.segments().updateMany(new Document("symbol", symbol).append("parent", new Document("$in", ids)),
                new Document("$pullAll", new Document("parent", ids)));
        List<Object> orphanShas = new ArrayList<>();
        for (Document d : c.segments().find(new Document("symbol", symbol).append("parent", List.of()))
                .projection(Projections.include("sha"))) {
            Object sha = d.get("sha");
            if (sha != null && !stillReferenced.contains(sha)) {
                orphanShas.add(sha);
            }
        }
        if (!orphanShas.isEmpty()) {
            c.segments().deleteMany(new Document("symbol", symbol).append("sha", new Document("$in", orphanShas)));
        }
    }

    private Set<Object> referencedShas(String symbol) {
        Set<Object> shas = new HashSet<>();
        for (Document d : c.versions().find(new Document("symbol", symbol))
                .projection(Projections.include("SEGMENT_SHAS"))) {
            for (Object sha : d.getList("SEGMENT_SHAS", Object.class, List.of())) {
                shas.add(sha instanceof Binary b ? b : sha);
            }
        }
        return shas;
    }
}
