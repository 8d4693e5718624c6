package io.github.arcticasync.asynchronous;

import io.github.arcticasync.store.DuplicateSnapshotException;
import io.github.arcticasync.store.NoDataFoundException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.arcticasync.asynchronous.Fixture.LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Arctic bug 6: worker exceptions are swallowed into {@code request.exception}, so {@code do_raise} never raises and a
 * waiter gets {@code None}. Here waiting re-throws the operation's own exception: the same type, the same instance.
 */
class WaitRequestRaisesTheOperationsErrorTest {
    @Test
    void theWaiterGetsTheSameExceptionTheOperationThrew() {
        NoDataFoundException missing = new NoDataFoundException("No data found for NOPE in library lib");
        DuplicateSnapshotException duplicate = new DuplicateSnapshotException("Snapshot 'eod' already exists.");
        ScriptedStore lib = new ScriptedStore("lib").on("read", (s, a) -> {
            throw missing;
        }).on("snapshot", (s, a) -> {
            throw duplicate;
        });
        try (AsyncArctic aa = Fixture.pool(2)) {
            AsyncRequest read = aa.submit(lib, "read", false, "NOPE");
            AsyncRequest snap = aa.submit(lib, "snapshot", false, "eod");
            assertThatThrownBy(() -> aa.waitRequest(read, LONG)).isSameAs(missing);
            assertThatThrownBy(() -> aa.waitRequests(List.of(snap, read), LONG)).isSameAs(duplicate);
            assertThat(read.exception()).isSameAs(missing);
            assertThat(read.state()).isEqualTo(RequestState.FAILED);
        }
    }
}
