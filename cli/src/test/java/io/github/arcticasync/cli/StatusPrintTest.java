package io.github.arcticasync.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.arcticasync.internal.cluster.PoolRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What {@code status} prints about Redis's eviction policy. */
class StatusPrintTest {

    private static String printed(String evictionPolicy) {
        ClusterStatus status = new ClusterStatus("ns", PoolRecord.initial(4, 64), List.of(), List.of(), 0, 0,
                new ClusterStatus.Counters(3, 3, 0, 0, 0), evictionPolicy);
        StringWriter text = new StringWriter();
        StatusCommand.print(new PrintWriter(text), status, "redis://127.0.0.1:6379");
        return text.toString();
    }

    @Test
    void aPolicyThatMayDeleteDataIsFlagged() {
        assertThat(printed("allkeys-lru")).contains("redis        maxmemory-policy allkeys-lru  WARNING: Redis may "
                + "delete queued requests and results when full; set noeviction");
    }

    @Test
    void noevictionAndAnUnknownPolicyAreStatedPlainly() {
        assertThat(printed("noeviction")).contains("redis        maxmemory-policy noeviction\n")
                .doesNotContain("WARNING");
        assertThat(printed(null)).contains("maxmemory-policy unknown (INFO not readable)").doesNotContain("WARNING");
    }
}
