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
     * Counts how many {@code read} calls run at once across every worker given its resolver — instrumentation of our
     * own store calls (delegating to the real store on the real MongoDB), not a stand-in for MongoDB.
     */
    static final class OverlapMeter {
        private final AtomicInteger now = new AtomicInteger();
        private final AtomicInteger max = new AtomicInteger();
        private final AtomicInteger calls = new AtomicInteger();
        private final Map<String, VersionStore> wrapped = new ConcurrentHashMap<>();

        StoreResolver wrap(StoreResolver real) {
            return name -> wrapped.computeIfAbsent(name, n -> proxy(real.resolve(n)));
        }

        private VersionStore proxy(VersionStore real) {
            InvocationHandler h = (self, method, args) -> {
                boolean counted = method.getName().equals("read");
                if (counted) {
                    calls.incrementAndGet();
                    int n = now.incrementAndGet();
                    max.accumulateAndGet(n, Math::max);
                }
                try {
                    return method.invoke(real, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                } finally {
                    if (counted) {
                        now.decrementAndGet();
                    }
                }
            };
            return (VersionStore) Proxy.newProxyInstance(VersionStore.class.getClassLoader(),
                    new Class<?>[] {VersionStore.class}, h);
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
