package io.github.arcticasync.internal.execution;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Objects;

/**
 * Runs one {@link OperationCall} against the store its library resolves to and turns whatever happens into an
 * {@link Outcome}; it never throws. Retries transient MongoDB errors under the {@link RetryPolicy} when the call
 * asked for it, with a budget per call. Holds no state between calls and no threads: the caller decides where it runs
 * (a local pool thread, a remote worker) and enforces the clash rule around it.
 */
public final class OperationExecutor {
    private static final Logger log = LoggerFactory.getLogger(OperationExecutor.class);

    private final RetryPolicy retryPolicy;
    private final Sleeper sleeper;

    /** An executor retrying as Arctic's {@code mongo_retry} does ({@link RetryPolicy#ARCTIC}). */
    public OperationExecutor() {
        this(RetryPolicy.ARCTIC);
    }

    public OperationExecutor(RetryPolicy retryPolicy) {
        this(retryPolicy, Sleeper.THREAD_SLEEP);
    }

    public OperationExecutor(RetryPolicy retryPolicy, Sleeper sleeper) {
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    /** Runs {@code call}, resolving its library through {@code resolver}. */
    public Outcome execute(OperationCall call, StoreResolver resolver) {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(resolver, "resolver");
        for (int attempt = 1; ; attempt++) {
            try {
                Object value = call.operation().invoke(new OperationContext(call.library(), call.arguments(), resolver,
                        attempt));
                return Outcome.success(value, attempt);
            } catch (Throwable error) {
                if (!call.retry() || attempt > retryPolicy.maxRetries() || !RetryPolicy.isTransient(error)) {
                    return Outcome.failure(error, attempt);
                }
                Duration pause = retryPolicy.backoff(attempt);
                if (attempt <= 2) {
                    log.debug("{} on {} - transient error, retry {} in {}: {}", call.operation().name(), call.key(),
                            attempt, pause, error.toString());
                } else {
                    log.warn("{} on {} - transient error, retry {} in {}: {}", call.operation().name(), call.key(),
                            attempt, pause, error.toString());
                }
                try {
                    sleeper.sleep(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    error.addSuppressed(e);
                    return Outcome.failure(error, attempt);
                }
            }
        }
    }

    /** Waits between retries; replaceable so tests need not sleep. */
    @FunctionalInterface
    public interface Sleeper {
        Sleeper THREAD_SLEEP = d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);

        void sleep(Duration duration) throws InterruptedException;
    }
}
