package io.github.arcticasync.internal.execution;

import com.mongodb.MongoSocketException;
import com.mongodb.ServerAddress;
import io.github.arcticasync.asynchronous.RequestKind;
import io.github.arcticasync.store.ArcticException;
import io.github.arcticasync.store.LibraryNotFoundException;
import io.github.arcticasync.store.NoDataFoundException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class OperationExecutorTest {
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final RetryPolicy policy = new RetryPolicy(4, Duration.ofMillis(10), 3.0, Duration.ofMillis(50));
    private final OperationExecutor executor = new OperationExecutor(policy, sleeps::add);
    private final StoreResolver noStore = name -> null;

    static MongoSocketException socketError() {
        return new MongoSocketException("connection reset", new ServerAddress("127.0.0.1", 1));
    }

    private static OperationCall call(Operation.Body body, boolean retry) {
        Operation op = Operation.builder("probe", RequestKind.ACCESSOR).required("symbol", ArgTypes.NAME).body(body)
                .build();
        return OperationCall.of("lib", op.bind(List.of("S"), Map.of()), false, retry);
    }

    @Test
    void returnsTheValue() {
        Outcome o = executor.execute(call(c -> c.args().symbol() + "@" + c.library(), false), noStore);
        assertThat(o.succeeded()).isTrue();
        assertThat(o.value()).isEqualTo("S@lib");
        assertThat(o.attempts()).isEqualTo(1);
    }

    @Test
    void keepsTheOriginalExceptionInstance() {
        NoDataFoundException error = new NoDataFoundException("No data found for S in library lib");
        Outcome o = executor.execute(call(c -> {
            throw error;
        }, true), noStore);
        assertThat(o.error()).isSameAs(error);
        assertThat(sleeps).as("not transient: no retry").isEmpty();
    }

    @Test
    void anUnknownLibraryIsALibraryNotFoundException() {
        Outcome o = executor.execute(call(c -> c.store(), false), noStore);
        assertThat(o.error()).isInstanceOf(LibraryNotFoundException.class).hasMessageContaining("lib");
    }

    @Test
    void retriesTransientErrorsWithBoundedExponentialBackoffWhenAsked() {
        AtomicInteger attempts = new AtomicInteger();
        Outcome o = executor.execute(call(c -> {
            if (attempts.incrementAndGet() < 4) {
                throw new ArcticException("store wraps the driver error", socketError());
            }
            return "ok after " + c.attempt();
        }, true), noStore);
        assertThat(o.value()).isEqualTo("ok after 4");
        assertThat(o.attempts()).isEqualTo(4);
        assertThat(sleeps).containsExactly(Duration.ofMillis(10), Duration.ofMillis(30), Duration.ofMillis(50));
    }

    @Test
    void givesUpAfterTheBudget() {
        MongoSocketException error = socketError();
        Outcome o = executor.execute(call(c -> {
            throw error;
        }, true), noStore);
        assertThat(o.error()).isSameAs(error);
        assertThat(o.attempts()).isEqualTo(5);
        assertThat(sleeps).hasSize(4);
    }

    @Test
    void doesNotRetryWhenNotAsked() {
        Outcome o = executor.execute(call(c -> {
            throw socketError();
        }, false), noStore);
        assertThat(o.error()).isInstanceOf(MongoSocketException.class);
        assertThat(o.attempts()).isEqualTo(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void arcticsPolicySleepsLikeMongoRetry() {
        RetryPolicy arctic = RetryPolicy.ARCTIC;
        assertThat(arctic.backoff(1)).isEqualTo(Duration.ofMillis(30));
        assertThat(arctic.backoff(2)).isEqualTo(Duration.ofMillis(90));
        assertThat(arctic.backoff(3)).isEqualTo(Duration.ofMillis(270));
        assertThat(arctic.backoff(4)).isEqualTo(Duration.ofMillis(500));
        assertThat(arctic.backoff(15)).isEqualTo(Duration.ofMillis(500));
        assertThat(RetryPolicy.isTransient(new IllegalStateException("x"))).isFalse();
        assertThat(RetryPolicy.isTransient(new RuntimeException(socketError()))).isTrue();
    }
}
