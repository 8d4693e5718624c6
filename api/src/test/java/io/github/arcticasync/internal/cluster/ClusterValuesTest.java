package io.github.arcticasync.internal.cluster;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClusterValuesTest {

    @Test
    void partitionKeysShareOneHashTagAndControlKeysAnother() {
        Keys keys = Keys.of("prod", 64);
        assertThat(keys.requestStream(7)).isEqualTo("aa:{prod:7}:req");
        assertThat(keys.result(7, "r-1")).isEqualTo("aa:{prod:7}:res:r-1");
        assertThat(keys.owner(7)).isEqualTo("aa:{prod:7}:owner");
        assertThat(keys.stats(7)).isEqualTo("aa:{prod:7}:stats");
        assertThat(keys.closed(7)).isEqualTo("aa:{prod:7}:closed");
        assertThat(keys.pool()).isEqualTo("aa:{prod}:pool");
        assertThat(keys.workers()).isEqualTo("aa:{prod}:workers");
        assertThat(keys.lease("w1")).isEqualTo("aa:{prod}:worker:w1");
        assertThat(keys.assignment("w1")).isEqualTo("aa:{prod}:assign:w1");
        assertThat(keys.deadLetters()).isEqualTo("aa:{prod}:dead");
    }

    @Test
    void partitionIsCrc32OfLibraryNulSymbolModP() {
        CRC32 crc = new CRC32();
        crc.update("arctic.lib\0AAPL".getBytes());
        assertThat(Keys.of("x", 64).partitionOf("arctic.lib", "AAPL")).isEqualTo((int) (crc.getValue() % 64));
        assertThat(Keys.of("x", 64).partitionOf(null, null)).isEqualTo(Keys.of("x", 64).partitionOf("", ""));
        // Library/symbol boundaries matter: ("ab","c") and ("a","bc") need not meet.
        assertThat(Keys.partitionOf("ab", "c", 4096)).isNotEqualTo(Keys.partitionOf("a", "bc", 4096));
    }

    @Test
    void badNamesAndPartitionsAreRejectedNamingThem() {
        assertThatThrownBy(() -> Keys.of("a{b}")).hasMessageContaining("namespace").hasMessageContaining("a{b}");
        assertThatThrownBy(() -> Keys.of("ns", 0)).hasMessageContaining("partitions");
        assertThatThrownBy(() -> Keys.of("ns", 8).owner(8)).hasMessageContaining("partition must be between 0 and 7");
        assertThatThrownBy(() -> Keys.of("ns").lease("a b")).hasMessageContaining("worker id");
    }

    @Test
    void assignmentRoundTripsAndEncodesPartitionsAsRanges() {
        Assignment a = new Assignment("w1", 3, 17, 4, List.of(9, 0, 1, 2, 3, 7, 10));
        assertThat(a.toHash()).containsEntry("partitions", "0-3,7,9-10").containsEntry("threads", "4");
        assertThat(Assignment.fromHash(a.toHash())).isEqualTo(a);
        assertThat(Assignment.parsePartitions("")).isEmpty();
        assertThatThrownBy(() -> Assignment.parsePartitions("3-1")).hasMessageContaining("3-1");
        assertThatThrownBy(() -> Assignment.parsePartitions("x")).hasMessageContaining("'x'");
        assertThatThrownBy(() -> new Assignment("w1", 1, 1, 0, List.of(1))).hasMessageContaining("no threads");
    }

    @Test
    void newerMeansHigherEpochThenHigherVersion() {
        Assignment old = new Assignment("w", 2, 50, 1, List.of(0));
        assertThat(new Assignment("w", 3, 1, 1, List.of(0)).isNewerThan(old)).isTrue();
        assertThat(new Assignment("w", 2, 51, 1, List.of(0)).isNewerThan(old)).isTrue();
        assertThat(new Assignment("w", 1, 99, 1, List.of(0)).isNewerThan(old)).isFalse();
        assertThat(old.isNewerThan(null)).isTrue();
    }

    @Test
    void leaseAndPoolRoundTripAndMissingFieldsAreNamed() {
        WorkerLease lease = new WorkerLease("w1", "host", 42, 8, 3, WorkerLease.Status.DRAINING, 2, 9, 1000, 2000,
                Duration.ofSeconds(3));
        assertThat(WorkerLease.fromHash(lease.toHash())).isEqualTo(lease);
        assertThat(lease.takesWork()).isFalse();
        PoolRecord pool = new PoolRecord(6, PoolState.DRAINING, 64, 5, 12, "c1");
        assertThat(PoolRecord.fromHash(pool.toHash())).isEqualTo(pool);

        Map<String, String> broken = new HashMap<>(lease.toHash());
        broken.remove(WorkerLease.CAPACITY);
        assertThatThrownBy(() -> WorkerLease.fromHash(broken)).hasMessageContaining("capacity");
        Map<String, String> badState = new HashMap<>(pool.toHash());
        badState.put(PoolRecord.STATE, "paused");
        assertThatThrownBy(() -> PoolRecord.fromHash(badState)).hasMessageContaining("paused");
        assertThatThrownBy(() -> PoolRecord.initial(0, 64)).hasMessageContaining("pool size");
    }
}
