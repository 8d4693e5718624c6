package io.github.arcticasync.store.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import io.github.arcticasync.store.Arctic;
import io.github.arcticasync.store.DataFrame;
import io.github.arcticasync.store.VersionStore;
import io.github.arcticasync.testkit.WithMongo;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A symbol larger than one server reply (mongo-java-server caps a reply at 48 MB and answers a find without a batch
 * size in one batch) still reads back whole: the segment cursor must fetch in batches.
 */
@WithMongo
class LargeSymbolIT {
    private static final long SECOND = 1_000_000_000L;

    @Test
    void aSymbolOfSixtyMegabytesOfIncompressibleRowsReadsBack(MongoClient client) {
        Arctic arctic = Arctic.connect(client);
        String name = Frames.newLibrary("large");
        arctic.initializeLibrary(name);
        VersionStore lib = arctic.getLibrary(name);
        int n = 1_500_000; // 40-byte rows: 60 MB raw, random doubles so LZ4 cannot shrink them below the cap
        long[] idx = new long[n];
        double[] a = new double[n];
        double[] b = new double[n];
        double[] c = new double[n];
        double[] d = new double[n];
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < n; i++) {
            idx[i] = Frames.START + i * SECOND;
            a[i] = random.nextDouble();
            b[i] = random.nextDouble();
            c[i] = random.nextDouble();
            d[i] = random.nextDouble();
        }
        DataFrame frame = DataFrame.builder().datetimeIndex(idx).column("a", a).column("b", b).column("c", c)
                .column("d", d).build();
        lib.write("wide", frame);

        DataFrame back = (DataFrame) lib.read("wide").data();

        assertThat(back.rowCount()).isEqualTo(n);
        assertThat(back).isEqualTo(frame);
    }
}
