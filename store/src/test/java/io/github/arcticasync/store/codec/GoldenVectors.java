package io.github.arcticasync.store.codec;

import io.github.arcticasync.store.internal.codec.Lz4Blocks;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.bson.Document;
import org.bson.types.Binary;

/** Reads the golden MongoDB dumps written by real Python Arctic (arctic-vectors) for codec-level tests. */
final class GoldenVectors {
    private final Document collections;
    private final String prefix;
    final Document expected;

    private GoldenVectors(Document collections, String prefix, Document expected) {
        this.collections = collections;
        this.prefix = prefix;
        this.expected = expected;
    }

    /** The vectors folder: system property {@code arctic.vectors.dir}, else ../../shared/arctic-vectors. */
    static Path dir() {
        String p = System.getProperty("arctic.vectors.dir");
        Path d = p != null ? Path.of(p) : Path.of("../../shared/arctic-vectors");
        if (!Files.isDirectory(d)) {
            d = Path.of("/work/shared/arctic-vectors");
        }
        return d;
    }

    static GoldenVectors load(String caseName) {
        try {
            Document dump = Document.parse(Files.readString(dir().resolve(caseName + ".json")));
            Document expected = Document.parse(Files.readString(dir().resolve(caseName + ".expected.json")));
            Document db = dump.get("databases", Document.class).get("arctic_vec", Document.class);
            return new GoldenVectors(db, caseName, expected);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<Document> documents(String collection) {
        Document c = collections.get(collection, Document.class);
        return c == null ? List.of() : c.getList("documents", Document.class);
    }

    /** The newest version document of a symbol. */
    Document latestVersion(String symbol) {
        return documents(prefix + ".versions").stream().filter(d -> symbol.equals(d.getString("symbol")))
                .max(Comparator.comparingInt(d -> d.getInteger("version"))).orElseThrow();
    }

    /** The uncompressed rows of a version, assembled from its segments as Arctic reads them (§2.12). */
    byte[] rows(Document version) {
        Object parent = version.containsKey("base_version_id") ? version.get("base_version_id") : version.get("_id");
        int upTo = version.getInteger("up_to");
        List<Document> segs = new ArrayList<>();
        for (Document s : documents(prefix)) {
            if (version.getString("symbol").equals(s.getString("symbol")) && s.getList("parent", Object.class)
                    .contains(parent) && s.getInteger("segment") < upTo) {
                segs.add(s);
            }
        }
        segs.sort(Comparator.comparingInt(s -> s.getInteger("segment")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Document s : segs) {
            byte[] data = s.get("data", Binary.class).getData();
            out.writeBytes(s.getBoolean("compressed") ? Lz4Blocks.decompress(data) : data);
        }
        return out.toByteArray();
    }

    /** What Arctic read back for the latest version of a symbol ({@code expected.json ... latest.data}). */
    Document expectedLatest(String symbol) {
        return expected.get("symbols", Document.class).get(symbol, Document.class).get("latest", Document.class)
                .get("data", Document.class);
    }
}
