package io.github.arcticasync.asynchronous;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.github.arcticasync.asynchronous.AsyncArctic.asyncArcticSubmit;
import static io.github.arcticasync.asynchronous.AsyncArctic.asyncAwaitTermination;
import static io.github.arcticasync.asynchronous.AsyncArctic.asyncResetPool;
import static io.github.arcticasync.asynchronous.AsyncArctic.asyncShutdown;
import static io.github.arcticasync.asynchronous.AsyncArctic.asyncTotalRequests;
import static io.github.arcticasync.asynchronous.AsyncArctic.asyncWaitRequest;
import static io.github.arcticasync.asynchronous.AsyncArctic.asyncWaitRequests;
import static io.github.arcticasync.asynchronous.Fixture.LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The seed's functions, on the process-wide {@code ASYNC_ARCTIC}. */
class StaticFunctionsTest {
    @Test
    void theSeedsFunctionsDelegateToTheSingleton() {
        ScriptedStore lib = new ScriptedStore("lib");
        long before = asyncTotalRequests();
        AsyncRequest one = asyncArcticSubmit(lib, "has_symbol", false, "A");
        assertThat(asyncWaitRequest(one)).isEqualTo(true);
        List<AsyncRequest> more = List.of(asyncArcticSubmit(lib, "read", false, "A"),
                asyncArcticSubmit(lib, "list_symbols", false));
        assertThat(asyncWaitRequests(more, LONG)).hasSize(2);
        assertThat(asyncTotalRequests()).isEqualTo(before + 3);

        asyncShutdown(LONG);
        assertThatThrownBy(() -> asyncArcticSubmit(lib, "has_symbol", false, "A"))
                .isInstanceOf(AsyncArcticException.class).hasMessageContaining("has been shutdown");
        asyncAwaitTermination(LONG);
        asyncResetPool(3, LONG);
        assertThat(AsyncArctic.ASYNC_ARCTIC.poolSize()).isEqualTo(3);
        assertThat(asyncWaitRequest(asyncArcticSubmit(lib, "has_symbol", false, "A"), LONG)).isEqualTo(true);
        asyncResetPool();
        assertThat(asyncTotalRequests()).isEqualTo(before + 4);
    }
}
