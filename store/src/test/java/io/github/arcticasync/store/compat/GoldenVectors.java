package io.github.arcticasync.store.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bson.BsonDocument;
import org.bson.Document;

/**
 * The golden vectors written by real Python Arctic 1.83.1: where they are and how to read their files.
 *
 * <p>The folder is the system property {@value #DIR_PROPERTY} (the build sets it), else
 * {@code ../../shared/arctic-vectors} and {@code ../shared/arctic-vectors} relative to the working directory. The
 * vectors belong to the project's CI checkout, so a missing folder is a failure, never a skip.
 */
final class GoldenVectors {

    static final String DIR_PROPERTY = "arctic.vectors.dir";

    private GoldenVectors() {
    }

    /** The vectors folder; fails with the places looked at when it is absent. */
    static Path dir() {
        List<Path> candidates = new ArrayList<>();
        String configured = System.getProperty(DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            candidates.add(Path.of(configured));
        }
        candidates.add(Path.of("..", "..", "shared", "arctic-vectors"));
        candidates.add(Path.of("..", "shared", "arctic-vectors"));
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate.resolve("manifest.json"))) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("Golden Arctic vectors not found (no manifest.json) in any of "
                + candidates.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList()
                + ". They are part of the CI checkout (shared/arctic-vectors); set -D" + DIR_PROPERTY + "=<folder>.");
    }

    /** The case names listed in manifest.json, sorted so the small cases run first and d last. */
    static Stream<String> cases() {
        Document manifest = json(dir().resolve("manifest.json"));
        List<String> names = new ArrayList<>();
        for (Document entry : manifest.getList("cases", Document.class)) {
            names.add(entry.getString("case"));
        }
        if (names.isEmpty()) {
            throw new IllegalStateException("manifest.json lists no cases");
        }
        return names.stream().sorted();
    }

    /** {@code <case>.json}, the golden documents, parsed as canonical Extended JSON so BSON types stay exact. */
    static BsonDocument goldenDump(String caseName) {
        return BsonDocument.parse(read(dir().resolve(caseName + ".json")));
    }

    /** {@code <case>.input.json}: plain JSON (numbers become Integer, Long or Double). */
    static Document input(String caseName) {
        return json(dir().resolve(caseName + ".input.json"));
    }

    /** {@code <case>.expected.json}: plain JSON. */
    static Document expected(String caseName) {
        return json(dir().resolve(caseName + ".expected.json"));
    }

    private static Document json(Path file) {
        return Document.parse(read(file));
    }

    private static String read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Golden vector file missing: " + file.toAbsolutePath());
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read golden vector file " + file, e);
        }
    }
}
