package io.github.arcticasync.store.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import io.github.arcticasync.store.Arctic;
import io.github.arcticasync.store.DataFrame;
import io.github.arcticasync.store.VersionStore;
import io.github.arcticasync.testkit.MongoServer;
import io.github.arcticasync.testkit.WithMongo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays each case's steps ({@code <case>.input.json}) through the Java store on an empty server and compares
 * every document it leaves with the documents real Python Arctic left ({@code <case>.json}); see
 * {@link LayoutComparator} for exactly what is normalised and why.
 *
 * <p>One contract, two backends: {@link GoldenWriteIT} (embedded server) and {@link GoldenWriteContainerIT}
 * (mongo:7 where Docker runs).
 */
@WithMongo
abstract class GoldenWriteContract {

    static Stream<String> cases() {
        return GoldenVectors.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void javaWritesWhatPythonArcticWrote(String caseName, MongoServer server) {
        Document input = GoldenVectors.input(caseName);
        BsonDocument golden = GoldenVectors.goldenDump(caseName);
        String library = "vec." + caseName;
        Mismatches m = new Mismatches(caseName);
        LayoutComparator comparator = new LayoutComparator(m);
        try (MongoClient client = server.newClient()) {
            GoldenLoader.wipe(client);
            try (Arctic arctic = Arctic.connect(client)) {
                arctic.initializeLibrary(library);
                VersionStore lib = arctic.getLibrary(library);
                int n = 0;
                for (Document step : input.getList("steps", Document.class)) {
                    perform(lib, step, n++);
                }
            }
            comparator.compare(golden, client);
        }
        comparator.notes().forEach(note -> System.out.println("[golden " + caseName + "] note: " + note));
        assertThat(m.all()).as(m.report()).isEmpty();
    }

    private static void perform(VersionStore lib, Document step, int n) {
        String op = step.getString("op");
        String symbol = step.getString("symbol");
        Map<String, Object> metadata = step.containsKey("metadata") ? plain(step.get("metadata", Document.class)) : null;
        switch (op) {
            case "write" -> {
                Object item = item(step);
                if (metadata == null) {
                    lib.write(symbol, item);
                } else {
                    lib.write(symbol, item, metadata);
                }
            }
            case "append" -> {
                if (metadata == null) {
                    lib.append(symbol, item(step));
                } else {
                    lib.append(symbol, item(step), metadata);
                }
            }
            case "write_metadata" -> lib.writeMetadata(symbol, metadata);
            case "snapshot" -> {
                if (metadata == null) {
                    lib.snapshot(step.getString("name"));
                } else {
                    lib.snapshot(step.getString("name"), metadata);
                }
            }
            case "delete" -> lib.delete(symbol);
            default -> throw new IllegalStateException("step " + n + ": unknown op in input.json: " + op);
        }
    }

    /** The step's item; case d's comes from its generator, checked against the digests input.json gives. */
    private static Object item(Document step) {
        if (step.containsKey("data")) {
            return GoldenItems.item(step.get("data", Document.class));
        }
        DataFrame frame = GoldenItems.generated(step.get("generator", Document.class));
        Document digest = step.get("data_digest", Document.class);
        Mismatches generator = new Mismatches("generator of " + step.getString("symbol"));
        ExpectedData.compare(generator, "generated frame", digest, frame);
        assertThat(generator.all()).as("the Java generator must rebuild Python's frame: " + generator.report())
                .isEmpty();
        return frame;
    }

    /** Documents and lists as plain LinkedHashMaps and ArrayLists, the types a store user passes. */
    @SuppressWarnings("unchecked")
    static <T> T plain(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put((String) k, plain(v)));
            return (T) out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(v -> out.add(plain(v)));
            return (T) out;
        }
        return (T) value;
    }
}
