package io.github.arcticasync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.arcticasync.asynchronous.AsyncArctic;
import io.github.arcticasync.asynchronous.AsyncRequest;
import io.github.arcticasync.asynchronous.LibraryRef;
import io.github.arcticasync.store.Arctic;
import io.github.arcticasync.store.VersionedItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code arctic-async up --workers 2} as a real process: it starts redis-server, an embedded MongoDB, a coordinator and
 * two workers, prints the URLs, runs requests, and on SIGTERM stops every child it started.
 */
class UpCommandIT {

    private static final Pattern URLS = Pattern.compile("Use it from another shell with: --redis (\\S+) --mongo (\\S+)");

    @TempDir
    Path dataDir;

    private CliProcesses.Child up;

    @AfterEach
    void killLeftovers() throws InterruptedException {
        if (up != null && up.process().isAlive()) {
            up.process().descendants().forEach(ProcessHandle::destroyForcibly);
            up.process().destroyForcibly();
            up.process().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void upRunsALocalClusterAndSigtermStopsEveryChild() throws Exception {
        // JAVA_TOOL_OPTIONS reaches the grandchildren (coordinator and workers) too: small, quick JVMs.
        up = CliProcesses.start("up", Map.of("JAVA_TOOL_OPTIONS",
                        String.join(" ", CliProcesses.CHILD_JVM_OPTIONS)),
                "up", "--workers", "2", "--data-dir", dataDir.toString(), "--namespace", "up-it",
                "--heartbeat-ms", "300", "--max-threads", "4");
        Matcher urls = URLS.matcher("");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(up.process().isAlive()).as(up.output()).isTrue();
            urls.reset(up.output());
            return urls.find();
        });
        String redisUrl = urls.group(1);
        String mongoUrl = urls.group(2);
        assertThat(redisUrl).startsWith("redis://127.0.0.1:");
        assertThat(Files.exists(dataDir.resolve("redis").resolve("appendonlydir"))).as("AOF folder").isTrue();

        List<ProcessHandle> children = up.process().descendants().collect(Collectors.toList());
        assertThat(children).hasSize(4); // redis-server, coordinator, 2 workers

        try (Arctic arctic = Arctic.connect(mongoUrl)) {
            arctic.initializeLibrary("up_it");
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            CliProcesses.Run status = CliProcesses.inProcess("status", "--redis", redisUrl, "--namespace", "up-it",
                    "--sample", "0");
            return status.exitCode() == 0 && status.out().contains("workers      2 live, 4 threads allotted");
        });
        try (AsyncArctic aa = AsyncArctic.builder().redis(redisUrl).namespace("up-it").build()) {
            List<AsyncRequest> requests = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                requests.add(aa.submit(LibraryRef.of("up_it"), "write", true, "u" + i, CliClusterIT.frame(i)));
            }
            List<Object> results = aa.waitRequests(requests, Duration.ofSeconds(60));
            for (int i = 0; i < results.size(); i++) {
                assertThat(((VersionedItem) results.get(i)).symbol()).isEqualTo("u" + i);
            }
        }

        up.process().toHandle().destroy(); // SIGTERM, as Ctrl-C or a service manager would
        assertThat(up.process().waitFor(90, TimeUnit.SECONDS)).as(up.output()).isTrue();
        assertThat(up.process().exitValue()).as(up.output()).isZero();
        for (ProcessHandle child : children) {
            assertThat(child.isAlive()).as("child pid %d; output:%n%s", child.pid(), up.output()).isFalse();
        }
        String output = up.output();
        assertThat(output.indexOf("up: worker-1")).isPositive()
                .isLessThan(output.indexOf("up: coordinator"));
        assertThat(output.indexOf("up: coordinator")).isLessThan(output.indexOf("up: redis"));
        assertThat(output.indexOf("up: redis")).isLessThan(output.indexOf("up: embedded MongoDB stopped"));
        assertThat(output).contains("worker-1    | ").contains("drained and deregistered");
    }
}
