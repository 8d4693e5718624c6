package io.github.arcticasync.asynchronous;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Shared bits of the asynchronous unit tests. */
final class Fixture {
    static final Duration LONG = Duration.ofSeconds(20);

    private Fixture() {
    }

    /** Blocks until {@code latch} opens; fails loudly rather than hanging a test. */
    static void pass(CountDownLatch latch) throws InterruptedException {
        if (!latch.await(LONG.toSeconds(), TimeUnit.SECONDS)) {
            throw new IllegalStateException("latch never opened");
        }
    }

    static AsyncArctic pool(int size) {
        return AsyncArctic.builder().poolSize(size).build();
    }
}
