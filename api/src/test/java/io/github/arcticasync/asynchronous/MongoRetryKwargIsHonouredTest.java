package io.github.arcticasync.asynchronous;

import com.mongodb.MongoSocketException;
import com.mongodb.ServerAddress;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static io.github.arcticasync.asynchronous.Fixture.LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Arctic bug 2: {@code mongo_retry} is popped from the kwargs before the request reads it, so it never retries. Here
 * {@code Kwargs.of("mongo_retry", true)} retries transient MongoDB errors, and without it nothing is retried.
 */
class MongoRetryKwargIsHonouredTest {
    private final AtomicInteger attempts = new AtomicInteger();
    private final ScriptedStore lib = new ScriptedStore("lib").on("read", (s, a) -> {
        if (attempts.incrementAndGet() <= 2) {
            throw new MongoSocketException("connection reset", new ServerAddress("127.0.0.1", 1));
        }
        return null;
    });

    private AsyncArctic pool(boolean retryByDefault) {
        return AsyncArctic.builder().mongoRetry(retryByDefault)
                .retryBackoff(5, Duration.ofMillis(1), 2.0, Duration.ofMillis(4)).build();
    }

    @Test
    void theKwargTurnsRetryOn() {
        try (AsyncArctic aa = pool(false)) {
            AsyncRequest r = aa.submit(lib, "read", false, "A", Kwargs.of("mongo_retry", true));
            assertThat(aa.waitRequest(r, LONG)).isNull();
            assertThat(attempts).hasValue(3);
        }
    }

    @Test
    void withoutItTheFirstErrorIsFinal() {
        try (AsyncArctic aa = pool(false)) {
            AsyncRequest r = aa.submit(lib, "read", false, "A");
            assertThatThrownBy(() -> aa.waitRequest(r, LONG)).isInstanceOf(MongoSocketException.class);
            assertThat(attempts).hasValue(1);
        }
    }

    @Test
    void theKwargCanTurnOffABuilderDefault() {
        try (AsyncArctic aa = pool(true)) {
            AsyncRequest r = aa.submit(lib, "read", false, "A", Kwargs.of("mongo_retry", false));
            assertThatThrownBy(() -> aa.waitRequest(r, LONG)).isInstanceOf(MongoSocketException.class);
            assertThat(attempts).hasValue(1);
        }
    }
}
