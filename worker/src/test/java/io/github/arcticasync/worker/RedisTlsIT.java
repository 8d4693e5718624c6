package io.github.arcticasync.worker;

import io.github.arcticasync.asynchronous.AsyncArctic;
import io.github.arcticasync.asynchronous.AsyncArcticException;
import io.github.arcticasync.asynchronous.LibraryRef;
import io.github.arcticasync.coordinator.Coordinator;
import io.github.arcticasync.store.Arctic;
import io.github.arcticasync.store.VersionedItem;
import io.github.arcticasync.testkit.MongoServer;
import io.github.arcticasync.testkit.MongoServers;
import io.github.arcticasync.testkit.RedisConfig;
import io.github.arcticasync.testkit.RedisServer;
import io.github.arcticasync.testkit.RedisServers;
import io.github.arcticasync.worker.tls.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * {@code rediss://} URLs: a redis-server serving TLS (certificate from a throwaway authority) on one port and plain
 * RESP on another. Coordinator, worker and client run in a child JVM whose default trust store holds only that
 * authority, all with the same {@code rediss://} URL naming the TLS port; {@code CLIENT LIST} shows every one of
 * their connections arrived on the TLS port. A plain {@code redis://} URL to the TLS port, and {@code rediss://} from
 * a JVM that does not trust the authority, fail with a typed error instead of hanging.
 */
class RedisTlsIT {
    private static final LibraryRef LIB = LibraryRef.of("tls_it");
    private static final String SYMBOL = "tls_sym";
    private static final String NAMESPACE = "tls";
    private static final String WORKER_ID = "tls-w1";
    private static final String READY = "TLS-READY";
    private static final String DONE = "TLS-DONE";
    /** Bounds only against a hang (a child that never answers); nothing here measures speed. */
    private static final Duration HANG_GUARD = Duration.ofSeconds(90);

    private static Path dir;
    private static TestCertificates certs;
    private static MongoServer mongo;
    private static Arctic arctic;
    private static RedisServer redis;
    private static int tlsPort;

    @BeforeAll
    static void start() throws IOException {
        dir = Files.createTempDirectory("arctic-tls-it-");
        certs = TestCertificates.create(dir);
        mongo = MongoServers.embedded();
        arctic = Arctic.connect(mongo.connectionString());
        arctic.initializeLibrary(LIB.name());
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 3 && redis == null; attempt++) {
            tlsPort = freePort(); // the fixture picks the plain port; a clash on this one just means another try
            try {
                redis = RedisServers.start(RedisConfig.builder().extraArgs(certs.redisTlsArgs(tlsPort)).build());
            } catch (IllegalStateException e) {
                last = e;
            }
        }
        if (redis == null) {
            throw last;
        }
    }

    @AfterAll
    static void stop() throws IOException {
        ClusterFixtures.closeAll(redis, arctic, mongo);
        if (dir != null) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String tlsUrl() {
        return "rediss://" + RedisServer.HOST + ":" + tlsPort;
    }

    @Test
    void coordinatorWorkerAndClientRunOverTls() throws Exception {
        assertThat(tlsPort).isNotEqualTo(redis.port());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(certs.trustStoreJvmOptions());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), ClusterMain.class.getName(),
                tlsUrl(), mongo.connectionString(), NAMESPACE, LIB.name()));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    output.add(line);
                }
            } catch (IOException e) {
                output.add("(output pump failed: " + e + ")");
            }
        }, "tls-child-output");
        pump.setDaemon(true);
        pump.start();
        try {
            String ready = awaitLine(child, output, READY);
            // The child wrote, read back and asked has_symbol, all through the cluster over rediss://.
            assertThat(ready).isEqualTo(READY + " equal=true has=true");

            // While the child's coordinator, worker and client are all still connected: where did they connect?
            List<Map<String, String>> clients = clientList();
            String tlsAddr = RedisServer.HOST + ":" + tlsPort;
            String plainAddr = RedisServer.HOST + ":" + redis.port();
            List<Map<String, String>> onPlain = clients.stream().filter(c -> plainAddr.equals(c.get("laddr")))
                    .toList();
            List<Map<String, String>> onTls = clients.stream().filter(c -> tlsAddr.equals(c.get("laddr"))).toList();
            // The only plain connection is this test's own CLIENT LIST.
            assertThat(onPlain).as("plain-port connections in %s", clients).hasSize(1)
                    .allSatisfy(c -> assertThat(c.get("cmd")).contains("client"));
            assertThat(onTls.stream().map(c -> c.get("name")).toList()).as("TLS-port connections in %s", clients)
                    .anySatisfy(name -> assertThat(name).startsWith("aa-client-"))
                    .anySatisfy(name -> assertThat(name).isEqualTo("aa-worker-" + WORKER_ID));
            // Client and worker (Jedis) plus the coordinator (Redisson): more TLS connections than Jedis alone opens.
            assertThat(onTls.size()).as("TLS-port connections in %s", clients)
                    .isGreaterThan((int) onTls.stream().filter(c -> c.get("name").startsWith("aa-")).count());

            try (OutputStream in = child.getOutputStream()) {
                in.write('\n'); // the go-ahead: close the cluster and exit
            }
            assertThat(child.waitFor(HANG_GUARD.toSeconds(), TimeUnit.SECONDS))
                    .as("child exited; output:\n%s", String.join("\n", output)).isTrue();
            pump.join(5_000);
            assertThat(child.exitValue()).as("child exit code; output:\n%s", String.join("\n", output)).isZero();
            assertThat(output).contains(DONE);
            // The worker really wrote to MongoDB: read it back here, directly through the store.
            VersionedItem stored = arctic.getLibrary(LIB.name()).read(SYMBOL);
            assertThat(stored.data()).isEqualTo(ClusterFixtures.frame(5, 7));
        } finally {
            if (child.isAlive()) {
                child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aPlainUrlToTheTlsPortFailsWithATypedError() {
        String plainToTls = "redis://" + RedisServer.HOST + ":" + tlsPort;
        assertTimeoutPreemptively(HANG_GUARD, () -> assertThatThrownBy(() -> {
            try (AsyncArctic bad = AsyncArctic.builder().redis(plainToTls).namespace("tls-plain").build()) {
                bad.submit(LIB, "has_symbol", false, "X");
            }
        }).isInstanceOf(AsyncArcticException.class));
    }

    @Test
    void tlsFromAJvmThatDoesNotTrustTheAuthorityFailsWithATypedError() {
        // This JVM's default trust store lacks the test authority: the certificate must be checked, not just accepted.
        assertThat(System.getProperty("javax.net.ssl.trustStore")).isNull();
        assertTimeoutPreemptively(HANG_GUARD, () -> assertThatThrownBy(() -> {
            try (AsyncArctic bad = AsyncArctic.builder().redis(tlsUrl()).namespace("tls-untrusted").build()) {
                bad.submit(LIB, "has_symbol", false, "X");
            }
        }).isInstanceOf(AsyncArcticException.class).hasCauseInstanceOf(Exception.class)
                .satisfies(e -> assertThat(causes(e)).anyMatch(c -> c instanceof SSLException)));
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> all = new ArrayList<>();
        for (Throwable t = e; t != null && !all.contains(t); t = t.getCause()) {
            all.add(t);
        }
        return all;
    }

    /** {@code CLIENT LIST} over the plain port, one map of field to value per connection. */
    private static List<Map<String, String>> clientList() throws IOException {
        Object reply = redis.command("CLIENT", "LIST");
        String text = reply instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(reply);
        return text.lines().filter(l -> !l.isBlank()).map(line -> Arrays.stream(line.trim().split(" "))
                .map(field -> field.split("=", 2))
                .collect(Collectors.toMap(kv -> kv[0], kv -> kv.length > 1 ? kv[1] : "", (a, b) -> b)))
                .toList();
    }

    private static String awaitLine(Process child, List<String> output, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + HANG_GUARD.toNanos();
        while (System.nanoTime() < deadline) {
            for (String line : output) {
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
            if (!child.isAlive()) {
                Thread.sleep(200); // let the pump drain the last lines for the message
                fail("child exited with " + child.exitValue() + " before " + prefix + "; output:\n"
                        + String.join("\n", output));
            }
            Thread.sleep(50);
        }
        return fail("no " + prefix + " line from the child; output:\n" + String.join("\n", output));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(RedisServer.HOST))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free loopback port", e);
        }
    }

    /**
     * The child JVM: a coordinator, a worker and a client, all on the {@code rediss://} URL it is given, trusting
     * the test authority through {@code javax.net.ssl.trustStore}. It writes, reads back and asks has_symbol, prints
     * {@value #READY}, waits for a line on stdin (the parent inspects the server meanwhile), closes all and exits 0.
     */
    static final class ClusterMain {
        private ClusterMain() {
        }

        public static void main(String[] args) {
            String url = args[0];
            String mongoUrl = args[1];
            String ns = args[2];
            LibraryRef lib = LibraryRef.of(args[3]);
            int exit = 0;
            try (Coordinator c = ClusterFixtures.coordinator(url, ns, "tls-c1", 2);
                 Worker w = Worker.start(ClusterFixtures.worker(url, mongoUrl, ns, WORKER_ID).build());
                 AsyncArctic aa = AsyncArctic.builder().redis(url).namespace(ns).build()) {
                aa.waitRequest(aa.submit(lib, "write", false, SYMBOL, ClusterFixtures.frame(5, 7)),
                        ClusterFixtures.LONG);
                VersionedItem item = (VersionedItem) aa.waitRequest(aa.submit(lib, "read", false, SYMBOL),
                        ClusterFixtures.LONG);
                Object has = aa.waitRequest(aa.submit(lib, "has_symbol", false, SYMBOL), ClusterFixtures.LONG);
                System.out.println(READY + " equal=" + item.data().equals(ClusterFixtures.frame(5, 7)) + " has="
                        + has);
                System.out.flush();
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            } catch (Exception | AssertionError e) {
                e.printStackTrace(System.out);
                exit = 1;
            }
            if (exit == 0) {
                System.out.println(DONE);
            }
            System.out.flush();
            System.exit(exit); // the clients' non-daemon threads must not keep the JVM alive
        }
    }
}
