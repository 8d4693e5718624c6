package io.github.arcticasync.coordinator.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The coordinator's Micrometer meters, prefix {@code arctic_async.coordinator}, tagged with namespace and coordinator
 * id. With no registry every method is a no-op apart from keeping the values readable.
 */
public final class CoordinatorMetrics implements AutoCloseable {

    private static final String PREFIX = "arctic_async.coordinator.";

    private final MeterRegistry registry;
    private final List<Meter> meters = new ArrayList<>();
    private final AtomicLong leader = new AtomicLong();
    private final AtomicLong epoch = new AtomicLong();
    private final AtomicLong liveWorkers = new AtomicLong();
    private final AtomicLong poolSize = new AtomicLong();
    private final AtomicLong assignedThreads = new AtomicLong();
    private final Counter leadershipsTaken;
    private final Counter assignmentsWritten;
    private final Counter workersLapsed;

    /** Meters in {@code registry} (null for none). */
    public CoordinatorMetrics(MeterRegistry registry, String namespace, String coordinatorId) {
        this.registry = registry;
        if (registry == null) {
            leadershipsTaken = null;
            assignmentsWritten = null;
            workersLapsed = null;
            return;
        }
        Tags tags = Tags.of("namespace", namespace, "coordinator", coordinatorId);
        gauge("leader", leader, tags, "1 while this coordinator leads");
        gauge("epoch", epoch, tags, "fencing epoch of this coordinator's leadership");
        gauge("workers.live", liveWorkers, tags, "workers holding a lease");
        gauge("pool.size", poolSize, tags, "cluster-wide pool size");
        gauge("threads.assigned", assignedThreads, tags, "sum of written thread allotments");
        leadershipsTaken = counter("leadership.taken", tags);
        assignmentsWritten = counter("assignments.written", tags);
        workersLapsed = counter("workers.lapsed", tags);
    }

    private void gauge(String name, AtomicLong value, Tags tags, String description) {
        meters.add(Gauge.builder(PREFIX + name, value, AtomicLong::doubleValue).tags(tags)
                .description(description).register(registry));
    }

    private Counter counter(String name, Tags tags) {
        Counter counter = Counter.builder(PREFIX + name).tags(tags).register(registry);
        meters.add(counter);
        return counter;
    }

    /** Records that this coordinator leads with {@code newEpoch}, or (with -1) that it stopped leading. */
    public void leadership(long newEpoch) {
        leader.set(newEpoch >= 0 ? 1 : 0);
        if (newEpoch >= 0) {
            epoch.set(newEpoch);
            if (leadershipsTaken != null) {
                leadershipsTaken.increment();
            }
        }
    }

    void assignmentWritten() {
        if (assignmentsWritten != null) {
            assignmentsWritten.increment();
        }
    }

    void workerLapsed() {
        if (workersLapsed != null) {
            workersLapsed.increment();
        }
    }

    void observe(int live, int size, int assigned) {
        liveWorkers.set(live);
        poolSize.set(size);
        assignedThreads.set(assigned);
    }

    /** Removes the meters from the registry. */
    @Override
    public void close() {
        if (registry != null) {
            meters.forEach(registry::remove);
        }
    }
}
