package io.github.arcticasync.store.internal.mongo;

import io.github.arcticasync.store.ListSymbolsOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.bson.Document;

/** Arctic's {@code list_symbols} (arctic-format.md §4.6): an aggregation keeping symbols whose latest version lives. */
final class SymbolLister {
    private final LibraryCollections c;
    private final Snapshots snapshots;

    SymbolLister(LibraryCollections c, Snapshots snapshots) {
        this.c = c;
        this.snapshots = snapshots;
    }

    List<String> list(ListSymbolsOptions options) {
        Document query = new Document();
        if (options.regex() != null) {
            query.append("symbol", new Document("$regex", options.regex()));
        }
        for (Map.Entry<String, Object> e : options.metadata().entrySet()) {
            Object v = e.getValue();
            query.append("metadata." + e.getKey(), v instanceof Map<?, ?> m ? new Document(castMap(m)) : v);
        }
        if (options.snapshot() != null) {
            query.append("parent", snapshots.requireId(options.snapshot()));
        } else if (options.allSymbols()) {
            TreeSet<String> all = new TreeSet<>();
            c.versions().distinct("symbol", query, String.class).into(all);
            return new ArrayList<>(all);
        }
        List<Document> pipeline = new ArrayList<>();
        if (!query.isEmpty()) {
            pipeline.add(new Document("$match", query));
        }
        pipeline.add(new Document("$sort", new Document("symbol", 1).append("version", -1)));
        pipeline.add(new Document("$group", new Document("_id", "$symbol")
                .append("deleted", new Document("$first", "$metadata.deleted"))));
        pipeline.add(new Document("$match", new Document("deleted", new Document("$ne", true))));
        TreeSet<String> out = new TreeSet<>();
        for (Document d : c.versions().aggregate(pipeline).allowDiskUse(true)) {
            out.add(d.getString("_id"));
        }
        return new ArrayList<>(out);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> m) {
        for (Object k : m.keySet()) {
            if (!(k instanceof String)) {
                throw new IllegalArgumentException("metadata filter keys must be strings, got " + k);
            }
        }
        return (Map<String, Object>) m;
    }
}
