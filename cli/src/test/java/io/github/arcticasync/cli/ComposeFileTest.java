package io.github.arcticasync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml and deploy/Dockerfile, checked without a Docker engine (there is none here): the file is
 * well-formed block YAML (spaces only, consistent two-space nesting), has the four services, a worker that
 * {@code --scale} can multiply (no container_name, no published ports), Redis with the append-only file, and the
 * {@code ARCTIC_ASYNC_*} wiring the commands read.
 */
class ComposeFileTest {

    private static final Path ROOT = Paths.get("").toAbsolutePath().getParent();
    private static Map<String, List<String>> services;
    private static List<String> lines;

    @BeforeAll
    static void read() throws IOException {
        lines = Files.readAllLines(ROOT.resolve("docker-compose.yml"));
        services = services(lines);
    }

    /** Each service's lines (indented below it), from the top-level {@code services:} block. */
    private static Map<String, List<String>> services(List<String> all) {
        Map<String, List<String>> result = new LinkedHashMap<>();
        boolean inServices = false;
        List<String> current = null;
        for (String line : all) {
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            int indent = line.length() - line.stripLeading().length();
            if (indent == 0) {
                inServices = line.equals("services:");
                current = null;
            } else if (inServices && indent == 2) {
                assertThat(line.strip()).as("a service name line").endsWith(":");
                current = new ArrayList<>();
                result.put(line.strip().substring(0, line.strip().length() - 1), current);
            } else if (inServices && current != null) {
                current.add(line.strip());
            }
        }
        return result;
    }

    @Test
    void isBlockYamlWithSpacesAndEvenIndentation() {
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            assertThat(line).as("line %d has a tab", i + 1).doesNotContain("\t");
            int indent = line.length() - line.stripLeading().length();
            assertThat(indent % 2).as("line %d: odd indentation", i + 1).isZero();
        }
    }

    @Test
    void hasRedisMongoCoordinatorAndWorker() {
        assertThat(services).containsOnlyKeys("redis", "mongo", "coordinator", "worker");
        assertThat(services.get("redis")).contains("image: redis:7")
                .anyMatch(l -> l.startsWith("command:") && l.contains("\"--appendonly\", \"yes\""));
        assertThat(services.get("mongo")).contains("image: mongo:7");
    }

    @Test
    void workerCanBeScaled() {
        List<String> worker = services.get("worker");
        assertThat(worker).noneMatch(l -> l.startsWith("container_name:")).noneMatch(l -> l.startsWith("ports:"));
        assertThat(services.get("coordinator")).noneMatch(l -> l.startsWith("container_name:"));
    }

    @Test
    void commandsAreWiredThroughTheirEnvironment() {
        assertThat(services.get("worker")).contains("command: [\"worker\"]")
                .contains("ARCTIC_ASYNC_REDIS_URL: redis://redis:6379")
                .contains("ARCTIC_ASYNC_MONGO_URL: mongodb://mongo:27017")
                .contains("ARCTIC_ASYNC_METRICS_PORT: \"9404\"");
        assertThat(services.get("coordinator")).contains("command: [\"coordinator\"]")
                .contains("ARCTIC_ASYNC_REDIS_URL: redis://redis:6379")
                .contains("ARCTIC_ASYNC_METRICS_PORT: \"9404\"");
        assertThat(String.join("\n", lines)).contains("dockerfile: deploy/Dockerfile");
    }

    @Test
    void dockerfileRunsTheShadedJarOnAJre17() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("deploy/Dockerfile"));
        assertThat(dockerfile).contains("FROM eclipse-temurin:17-jre").contains("cli/target/arctic-async.jar")
                .contains("ENTRYPOINT");
    }
}
