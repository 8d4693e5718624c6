package io.github.arcticasync.internal.transport.redis;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.OptionalInt;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Request ids carry their partition, so any process can find a request's keys from the id alone. */
class RequestIdsTest {

    @Test
    void anIdNamesItsPartition() {
        for (int p : new int[] {0, 7, 63, 4095}) {
            String id = RequestIds.newId(p);
            assertThat(id).startsWith(p + "-");
            assertThat(RequestIds.partitionOf(id, 4096)).isEqualTo(OptionalInt.of(p));
        }
    }

    @Test
    void idsAreUnique() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(RequestIds.newId(i % 64))).isTrue();
        }
    }

    @Test
    void theIdAfterThePartitionIsAVersion4Uuid() {
        for (int i = 0; i < 1000; i++) {
            String id = RequestIds.newId(7);
            java.util.UUID uuid = java.util.UUID.fromString(id.substring(id.indexOf('-') + 1));
            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.toString()).isEqualTo(id.substring(2));
        }
    }

    @Test
    void aPartitionOutsideTheNamespaceIsNoId() {
        assertThat(RequestIds.partitionOf(RequestIds.newId(64), 64)).isEmpty();
        assertThat(RequestIds.partitionOf(RequestIds.newId(63), 64)).hasValue(63);
    }

    @Test
    void foreignStringsAreNoIds() {
        for (String s : new String[] {null, "", "-", "3", "3-", "-3", "x-1", "1x-2", "12345-abc", " 3-abc", "+3-abc"}) {
            assertThat(RequestIds.partitionOf(s, 64)).as("'%s'", s).isEmpty();
        }
    }

    @Test
    void aNegativePartitionIsRefused() {
        assertThatThrownBy(() -> RequestIds.newId(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("partition").hasMessageContaining("-1");
    }
}
