package io.github.arcticasync.store.mongo;

import static io.github.arcticasync.store.mongo.Frames.daily;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import io.github.arcticasync.store.Arctic;
import io.github.arcticasync.store.ReadOptions;
import io.github.arcticasync.store.VersionInfo;
import io.github.arcticasync.store.VersionStore;
import io.github.arcticasync.testkit.WithMongo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** Arctic's 120-minute pruning rule, with versions created "in the past" through an injected clock. */
@WithMongo
class PruningIT {
    private final MongoClient client;

    PruningIT(MongoClient client) {
        this.client = client;
    }

    /** A clock the test moves by hand. */
    private static final class MovableClock extends Clock {
        private final AtomicReference<Instant> now = new AtomicReference<>();

        MovableClock(Instant start) {
            now.set(start);
        }

        void set(Instant t) {
            now.set(t);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }
    }

    @Test
    void prunesOldUnsnapshottedVersionsButKeepsTheNewestOldOne() {
        Instant now = Instant.now();
        MovableClock clock = new MovableClock(now.minus(Duration.ofMinutes(125)));
        Arctic arctic = Arctic.connect(client, clock);
        String name = Frames.newLibrary("pr");
        arctic.initializeLibrary(name);
        VersionStore lib = arctic.getLibrary(name);
        lib.write("p", daily(0, 1, 1));
        clock.set(now.minus(Duration.ofMinutes(122)));
        lib.write("p", daily(0, 2, 2));
        clock.set(now.minus(Duration.ofMinutes(121)));
        lib.write("p", daily(0, 3, 3));
        clock.set(now.minus(Duration.ofMinutes(119)));
        lib.write("p", daily(0, 4, 4));
        clock.set(now);
        lib.write("p", daily(0, 5, 5));
        assertThat(lib.listVersions("p")).extracting(VersionInfo::version).containsExactly(5, 4, 3);
        assertThat(lib.read("p", ReadOptions.builder().asOf(3).build()).data()).isEqualTo(daily(0, 3, 3));
        String[] parts = lib.libraryName().split("\\.", 2);
        // v1 and v2 shared no segment with later versions, so their segments are gone too.
        long segments = client.getDatabase(parts[0]).getCollection(parts[1]).countDocuments(
                new Document("symbol", "p"));
        assertThat(segments).isEqualTo(3);
    }

    @Test
    void snapshottedVersionsAndAppendBasesSurvive() {
        Instant now = Instant.now();
        MovableClock clock = new MovableClock(now.minus(Duration.ofMinutes(300)));
        Arctic arctic = Arctic.connect(client, clock);
        String name = Frames.newLibrary("pr");
        arctic.initializeLibrary(name);
        VersionStore lib = arctic.getLibrary(name);
        lib.write("s", daily(0, 1, 1));
        lib.snapshot("keep");
        clock.set(now.minus(Duration.ofMinutes(250)));
        lib.write("s", daily(0, 2, 2));
        clock.set(now.minus(Duration.ofMinutes(200)));
        lib.append("s", daily(2, 1, 2));
        clock.set(now.minus(Duration.ofMinutes(150)));
        lib.append("s", daily(3, 1, 2));
        clock.set(now);
        lib.append("s", daily(4, 1, 2));
        // v1 is snapshotted; v2 is the base of the appends; v3 and v4 are old and unsnapshotted (v4 the newest old)
        assertThat(lib.listVersions("s")).extracting(VersionInfo::version).containsExactly(5, 4, 2, 1);
        assertThat(lib.read("s").data()).isEqualTo(daily(0, 5, 2));
        assertThat(lib.read("s", ReadOptions.builder().asOf("keep").build()).data()).isEqualTo(daily(0, 1, 1));
        lib.deleteSnapshot("keep");
        lib.write("s", daily(0, 1, 9));
        assertThat(lib.listVersions("s")).extracting(VersionInfo::version).doesNotContain(1);
    }
}
