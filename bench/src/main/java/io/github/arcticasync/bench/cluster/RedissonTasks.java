package io.github.arcticasync.bench.cluster;

import java.util.concurrent.Callable;

/** The Redisson baseline's tasks, equivalents of the operations the transport runs (top-level: Redisson ships bytes). */
final class RedissonTasks {
    private RedissonTasks() {
    }

    /** Equivalent of {@code bench_noop}: returns true. */
    public static final class Noop implements Callable<Boolean> {
        private String symbol;

        public Noop() {
        }

        Noop(String symbol) {
            this.symbol = symbol;
        }

        @Override
        public Boolean call() {
            return symbol != null;
        }
    }

    /** Equivalent of {@code has_symbol}: {@code VersionStore.hasSymbol} on the worker's store. */
    public static final class HasSymbol implements Callable<Boolean> {
        private String symbol;

        public HasSymbol() {
        }

        HasSymbol(String symbol) {
            this.symbol = symbol;
        }

        @Override
        public Boolean call() {
            return RedissonWorkerStores.library().hasSymbol(symbol);
        }
    }

    /** Equivalent of {@code bench_frame}: returns 256 KiB of bytes prepared once in the worker. */
    public static final class Blob implements Callable<byte[]> {
        @Override
        public byte[] call() {
            return RedissonWorkerStores.blob();
        }
    }
}
