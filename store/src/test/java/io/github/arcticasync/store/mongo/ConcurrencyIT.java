package io.github.arcticasync.store.mongo;

import static io.github.arcticasync.store.mongo.Frames.daily;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import io.github.arcticasync.store.Arctic;
import io.github.arcticasync.store.DataFrame;
import io.github.arcticasync.store.ReadOptions;
import io.github.arcticasync.store.VersionInfo;
import io.github.arcticasync.store.VersionStore;
import io.github.arcticasync.testkit.WithMongo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Many threads writing or appending one symbol never lose or duplicate a version. */
@WithMongo
class ConcurrencyIT {
    private static final int THREADS = 8;
    private static final int WRITES = 25;

    private final MongoClient client;

    ConcurrencyIT(MongoClient client) {
        this.client = client;
    }

    @Test
    void concurrentWritesGetDistinctVersionsThatReadBackTheirOwnData() throws Exception {
        Arctic arctic = Arctic.connect(client);
        String name = Frames.newLibrary("cc");
        arctic.initializeLibrary(name);
        VersionStore lib = arctic.getLibrary(name);
        Map<Integer, DataFrame> written = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            futures.add(pool.submit(() -> {
                for (int i = 0; i < WRITES; i++) {
                    DataFrame df = daily(0, 1 + (i % 5), thread * 1000 + i);
                    int v = lib.write("hot", df).version();
                    assertThat(written.putIfAbsent(v, df)).as("version %d handed out twice", v).isNull();
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();
        List<VersionInfo> versions = lib.listVersions("hot");
        assertThat(versions).extracting(VersionInfo::version)
                .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.rangeClosed(1, THREADS * WRITES)
                        .boxed().toList());
        for (Map.Entry<Integer, DataFrame> e : written.entrySet()) {
            assertThat(lib.read("hot", ReadOptions.builder().asOf(e.getKey()).build()).data())
                    .as("version %d", e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void concurrentAppendsKeepEveryVersionConsistent() throws Exception {
        Arctic arctic = Arctic.connect(client);
        String name = Frames.newLibrary("ca");
        arctic.initializeLibrary(name);
        VersionStore lib = arctic.getLibrary(name);
        lib.write("tape", daily(0, 1, 0));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            futures.add(pool.submit(() -> {
                for (int i = 0; i < 10; i++) {
                    // Every appended row is "day 1000" so appends never overlap whichever order they land in.
                    lib.append("tape", daily(1000, 1, 0));
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get(5, TimeUnit.MINUTES);
        }
        pool.shutdown();
        List<VersionInfo> versions = lib.listVersions("tape");
        assertThat(versions).extracting(VersionInfo::version)
                .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.rangeClosed(1, 41).boxed().toList());
        for (VersionInfo v : versions) {
            DataFrame df = (DataFrame) lib.read("tape", ReadOptions.builder().asOf(v.version()).build()).data();
            // Each version holds the first row plus one appended row per append it built on.
            assertThat(df.indexNanos()[0]).isEqualTo(Frames.day(0));
            for (int r = 1; r < df.rowCount(); r++) {
                assertThat(df.indexNanos()[r]).isEqualTo(Frames.day(1000));
            }
            assertThat(df.rowCount()).isBetween(v.version() == 1 ? 1 : 2, Math.min(v.version(), 41));
        }
    }
}
