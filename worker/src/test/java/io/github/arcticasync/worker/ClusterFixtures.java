package io.github.arcticasync.worker;

import io.github.arcticasync.coordinator.Coordinator;
import io.github.arcticasync.coordinator.CoordinatorConfig;
import io.github.arcticasync.internal.execution.StoreResolver;
import io.github.arcticasync.store.DataFrame;
import io.github.arcticasync.store.VersionStore;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Small helpers shared by the cluster ITs: configs with a fast heartbeat, frames, closing in order. */
final class ClusterFixtures {
    static final Duration LONG = Duration.ofSeconds(40);
    // 500 ms (lease 1.5 s): on a loaded 2-core machine a 600 ms lease lapses under GC and CPU contention.
    static final Duration HEARTBEAT = Duration.ofMillis(500);
    private static final long DAY = 86_400_000_000_000L;

    private ClusterFixtures() {
    }

    static Coordinator coordinator(String redisUrl, String namespace, String id, int poolSize) {
        return Coordinator.start(CoordinatorConfig.builder().redisUrl(redisUrl).namespace(namespace).coordinatorId(id)
                .heartbeatInterval(HEARTBEAT).initialPoolSize(poolSize).build());
    }

    static WorkerConfig.Builder worker(String redisUrl, String mongoUrl, String namespace, String id) {
        return WorkerConfig.builder().redisUrl(redisUrl).mongoUrl(mongoUrl).namespace(namespace).workerId(id)
                .maxThreads(4).heartbeatInterval(HEARTBEAT).drainTimeout(Duration.ofSeconds(20));
    }

    static DataFrame frame(int rows, double base) {
        long[] index = new long[rows];
        double[] price = new double[rows];
        for (int i = 0; i < rows; i++) {
            index[i] = i * DAY;
            price[i] = base + i;
        }
        return DataFrame.builder().datetimeIndex(index).column("price", price).build();
    }

    /** Closes each, in order, going on past failures (tear-down must free every process it can). */
    static void closeAll(AutoCloseable... all) {
        for (AutoCloseable c : all) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // keep closing the rest
            }
        }
    }

    /**
     * What runs in place of one {@code read} call of the store; {@code read} is the real call (it throws the store's
     * own exception wrapped in an {@code InvocationTargetException}, unwrapped again for the caller).
     */
    @FunctionalInterface
    interface AroundRead {
        Object call(Callable<Object> read) throws Exception;
    }

    /**
     * Our own store, with every {@code read} run through {@code around} and every other call passed straight on:
     * instrumentation of the real store on the real MongoDB, not a stand-in for MongoDB. One wrapper per library.
     */
    static StoreResolver aroundReads(StoreResolver real, AroundRead around) {
        Map<String, VersionStore> wrapped = new ConcurrentHashMap<>();
        return name -> wrapped.computeIfAbsent(name, n -> {
            VersionStore store = real.resolve(n);
            InvocationHandler h = (self, method, args) -> {
                Callable<Object> call = () -> method.invoke(store, args);
                try {
                    return method.getName().equals("read") ? around.call(call) : call.call();
                } catch (InvocationTargetException e) {
                    throw e.getCause(); // what the real store threw
                }
            };
            return (VersionStore) Proxy.newProxyInstance(VersionStore.class.getClassLoader(),
                    new Class<?>[] {VersionStore.class}, h);
        });
    }

    /** Counts how many {@code read} calls run at once across every worker given its resolver. */
    static final class OverlapMeter {
        private final AtomicInteger now = new AtomicInteger();
        private final AtomicInteger max = new AtomicInteger();
        private final AtomicInteger calls = new AtomicInteger();

        StoreResolver wrap(StoreResolver real) {
            return aroundReads(real, read -> {
                calls.incrementAndGet();
                max.accumulateAndGet(now.incrementAndGet(), Math::max);
                try {
                    return read.call();
                } finally {
                    now.decrementAndGet();
                }
            });
        }

        /** Starts a new observation window: the maximum restarts from what runs now. */
        void resetMax() {
            max.set(now.get());
        }

        int max() {
            return max.get();
        }

        int running() {
            return now.get();
        }

        int calls() {
            return calls.get();
        }
    }
}
