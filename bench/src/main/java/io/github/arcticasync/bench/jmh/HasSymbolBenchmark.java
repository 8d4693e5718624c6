package io.github.arcticasync.bench.jmh;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.github.arcticasync.bench.Frames;
import io.github.arcticasync.store.Arctic;
import io.github.arcticasync.store.VersionStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code VersionStore.hasSymbol}, which fetches only the fields that tell a live version from a deleted one, against
 * the baseline of fetching the latest version document whole (what it did before, and what Arctic's
 * {@code has_symbol} does), on symbols whose versions carry {@code metadataKeys} user-metadata entries. Both sides
 * query one mongo-java-server in this JVM over loopback, from 8 threads, as the cluster bench's pool does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// Long warm-up: with eight threads, the in-process server and C2 sharing two cores, throughput still climbs for
// about 20 s (measured: 7.6k/s in the first 2 s iteration, 18k/s in the tenth).
@Warmup(iterations = 12, time = 2)
@Measurement(iterations = 6, time = 2)
@Threads(8)
@Fork(1)
public class HasSymbolBenchmark {
    private static final String LIBRARY = "bench.has";
    private static final int SYMBOLS = 100;

    /** 0: a bare version document (about 600 bytes); 100: about 6.7 KB of metadata, as a tagged feed might carry. */
    @Param({"0", "100"})
    public int metadataKeys;

    private MongoServer server;
    private MongoClient client;
    private Arctic arctic;
    private VersionStore lib;
    private MongoCollection<Document> versions;

    /** Each thread walks the symbols on its own. */
    @State(Scope.Thread)
    public static class Walk {
        int next;

        String symbol() {
            return symbolName(next++ % SYMBOLS);
        }
    }

    private static String symbolName(int i) {
        return String.format("SYM%04d", i);
    }

    @Setup
    public void setUp() {
        server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        String url = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
        arctic = Arctic.connect(url);
        arctic.initializeLibrary(LIBRARY);
        lib = arctic.getLibrary(LIBRARY);
        Map<String, Object> metadata = new LinkedHashMap<>();
        for (int k = 0; k < metadataKeys; k++) {
            metadata.put("key" + k, "value-" + "x".repeat(40) + k);
        }
        for (int i = 0; i < SYMBOLS; i++) {
            lib.write(symbolName(i), Frames.prices(10, i), metadata);
        }
        client = MongoClients.create(url);
        versions = client.getDatabase("arctic_bench").getCollection("has.versions");
    }

    @TearDown
    public void tearDown() {
        client.close();
        arctic.close();
        server.shutdownNow();
    }

    @Benchmark
    public boolean storeHasSymbol(Walk walk) {
        return lib.hasSymbol(walk.symbol());
    }

    @Benchmark
    public Document baselineWholeLatestVersion(Walk walk) {
        return versions.find(new Document("symbol", walk.symbol())).sort(Sorts.descending("version")).first();
    }
}
