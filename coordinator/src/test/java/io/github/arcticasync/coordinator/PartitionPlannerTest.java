package io.github.arcticasync.coordinator;

import io.github.arcticasync.coordinator.PartitionPlanner.Plan;
import io.github.arcticasync.coordinator.PartitionPlanner.WorkerCapacity;
import io.github.arcticasync.coordinator.PartitionPlanner.WorkerPlan;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PartitionPlannerTest {

    private final PartitionPlanner planner = new PartitionPlanner();

    private static List<WorkerCapacity> workers(int... maxThreads) {
        List<WorkerCapacity> list = new ArrayList<>();
        for (int i = 0; i < maxThreads.length; i++) {
            list.add(new WorkerCapacity("w" + i, maxThreads[i]));
        }
        return list;
    }

    private static WorkerCapacity worker(String id, int maxThreads) {
        return new WorkerCapacity(id, maxThreads);
    }

    @Test
    void oneWorkerOwnsEverythingWithThePoolSize() {
        Plan plan = planner.plan(4, 8, workers(16), Plan.empty(8));
        assertThat(plan.share("w0")).isEqualTo(new WorkerPlan(4, List.of(0, 1, 2, 3, 4, 5, 6, 7)));
    }

    @Test
    void poolSizeIsSplitEvenlyAndPartitionsFollowThreads() {
        Plan plan = planner.plan(6, 64, workers(16, 16), Plan.empty(64));
        assertThat(plan.share("w0").threads()).isEqualTo(3);
        assertThat(plan.share("w1").threads()).isEqualTo(3);
        assertThat(plan.share("w0").partitions()).hasSize(32);
        assertThat(plan.share("w1").partitions()).hasSize(32);
        assertValid(plan, 6);
    }

    @Test
    void maxThreadsCapsAWorkerAndTheRestGoesElsewhere() {
        Plan plan = planner.plan(10, 64, workers(2, 16), Plan.empty(64));
        assertThat(plan.share("w0").threads()).isEqualTo(2);
        assertThat(plan.share("w1").threads()).isEqualTo(8);
        assertThat(plan.share("w1").partitions().size()).isGreaterThan(plan.share("w0").partitions().size());
        assertValid(plan, 10);
    }

    @Test
    void poolLargerThanAllCapacitiesUsesEveryThreadAndNoMore() {
        Plan plan = planner.plan(100, 16, workers(3, 4), Plan.empty(16));
        assertThat(plan.totalThreads()).isEqualTo(7);
        assertValid(plan, 100);
    }

    @Test
    void poolSmallerThanWorkerCountIdlesSomeWorkers() {
        Plan plan = planner.plan(2, 64, workers(4, 4, 4, 4, 4), Plan.empty(64));
        assertThat(plan.totalThreads()).isEqualTo(2);
        long busy = plan.workers().values().stream().filter(w -> w.threads() > 0).count();
        assertThat(busy).isEqualTo(2);
        plan.workers().values().stream().filter(w -> w.threads() == 0)
                .forEach(w -> assertThat(w.partitions()).isEmpty());
        assertValid(plan, 2);
    }

    @Test
    void shrinkingThePoolKeepsThreadsWithThePreviousHolders() {
        Plan four = planner.plan(4, 64, workers(4, 4, 4, 4), Plan.empty(64));
        Plan two = planner.plan(2, 64, workers(4, 4, 4, 4), four);
        assertThat(two.totalThreads()).isEqualTo(2);
        // The two survivors keep every partition they had and split the rest.
        two.workers().forEach((id, share) -> {
            if (share.threads() > 0) {
                assertThat(share.partitions()).containsAll(four.share(id).partitions());
            }
        });
        assertValid(two, 2);
    }

    @Test
    void moreWorkersThanPartitionsGivesThreadsToOnlyPartitionCountWorkers() {
        Plan plan = planner.plan(10, 3, workers(1, 1, 1, 1, 1), Plan.empty(3));
        assertThat(plan.workers().values().stream().filter(w -> w.threads() > 0).count()).isEqualTo(3);
        assertValid(plan, 10);
    }

    @Test
    void workerWithZeroMaxThreadsOwnsNothing() {
        Plan plan = planner.plan(4, 8, workers(0, 4), Plan.empty(8));
        assertThat(plan.share("w0")).isEqualTo(new WorkerPlan(0, List.of()));
        assertThat(plan.share("w1").partitions()).hasSize(8);
    }

    @Test
    void noWorkersMeansNothingIsOwned() {
        Plan plan = planner.plan(4, 8, List.of(), Plan.empty(8));
        assertThat(plan.workers()).isEmpty();
        assertThat(plan.owners()).containsOnlyNulls();
    }

    @Test
    void joiningWorkerTakesPartitionsOnlyFromOthersExcess() {
        Plan before = planner.plan(8, 64, workers(8, 8), Plan.empty(64));
        List<WorkerCapacity> three = new ArrayList<>(workers(8, 8));
        three.add(worker("w2", 8));
        Plan after = planner.plan(8, 64, three, before);
        String[] was = before.owners();
        String[] now = after.owners();
        for (int p = 0; p < 64; p++) {
            if (!was[p].equals(now[p])) {
                assertThat(now[p]).as("partition %d moved", p).isEqualTo("w2");
            }
        }
        assertThat(after.share("w2").partitions()).isNotEmpty();
        assertValid(after, 8);
    }

    @Test
    void leavingWorkersPartitionsAreTheOnlyOnesThatMove() {
        Plan before = planner.plan(9, 64, workers(8, 8, 8), Plan.empty(64));
        Plan after = planner.plan(9, 64, List.of(worker("w0", 8), worker("w2", 8)), before);
        String[] was = before.owners();
        String[] now = after.owners();
        for (int p = 0; p < 64; p++) {
            if (!was[p].equals(now[p])) {
                assertThat(was[p]).as("partition %d moved", p).isEqualTo("w1");
            }
        }
        assertValid(after, 9);
    }

    @Test
    void samePlanForSameInputIsUnchanged() {
        Plan first = planner.plan(5, 64, workers(3, 3, 3), Plan.empty(64));
        Plan second = planner.plan(5, 64, workers(3, 3, 3), first);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void badInputIsRejectedWithTheFieldName() {
        assertThatThrownBy(() -> planner.plan(-1, 8, workers(1), Plan.empty(8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("poolSize");
        assertThatThrownBy(() -> planner.plan(1, 0, workers(1), Plan.empty(8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partitions");
        assertThatThrownBy(() -> planner.plan(1, 8, List.of(worker("a", 1), worker("a", 2)), Plan.empty(8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate worker id a");
        assertThatThrownBy(() -> worker("a", -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxThreads");
    }

    // ---- properties ----

    @Property(tries = 300)
    void everyPlanIsValid(@ForAll @IntRange(min = 0, max = 40) int poolSize,
                          @ForAll @IntRange(min = 1, max = 70) int partitions,
                          @ForAll @Size(max = 12) List<@IntRange(min = 0, max = 10) Integer> caps) {
        Plan plan = planner.plan(poolSize, partitions, workers(caps), Plan.empty(partitions));
        assertValid(plan, poolSize);
        assertCaps(plan, caps, poolSize);
    }

    @Property(tries = 300)
    void replanningFromAnyPreviousPlanIsValidAndMovesOnlyTheExcess(
            @ForAll @IntRange(min = 1, max = 40) int sizeBefore,
            @ForAll @IntRange(min = 1, max = 40) int sizeAfter,
            @ForAll @IntRange(min = 1, max = 70) int partitions,
            @ForAll @Size(min = 1, max = 10) List<@IntRange(min = 0, max = 8) Integer> capsBefore,
            @ForAll @IntRange(min = -3, max = 3) int joinOrLeave) {
        Plan before = planner.plan(sizeBefore, partitions, workers(capsBefore), Plan.empty(partitions));
        List<Integer> capsAfter = new ArrayList<>(capsBefore);
        for (int i = 0; i < Math.abs(joinOrLeave); i++) {
            if (joinOrLeave > 0) {
                capsAfter.add(4);
            } else if (!capsAfter.isEmpty()) {
                capsAfter.remove(capsAfter.size() - 1);
            }
        }
        Plan after = planner.plan(sizeAfter, partitions, workers(capsAfter), before);
        assertValid(after, sizeAfter);
        assertCaps(after, capsAfter, sizeAfter);

        // Minimal movement: a partition leaves a worker that still has threads only if that worker is above its new
        // count, and it loses no more partitions than that excess.
        String[] was = before.owners();
        String[] now = after.owners();
        Map<String, Integer> lost = new HashMap<>();
        for (int p = 0; p < partitions; p++) {
            if (was[p] != null && !was[p].equals(now[p]) && after.share(was[p]).threads() > 0) {
                lost.merge(was[p], 1, Integer::sum);
            }
        }
        lost.forEach((id, n) -> {
            int excess = before.share(id).partitions().size() - after.share(id).partitions().size();
            assertThat(n).as("partitions moved away from %s", id).isEqualTo(excess);
        });
    }

    @Property(tries = 200)
    void equalWorkersJoiningTakeOnlyFromOthersAndLeavingGiveOnlyTheirs(
            @ForAll @IntRange(min = 1, max = 40) int poolSize,
            @ForAll @IntRange(min = 1, max = 70) int partitions,
            @ForAll @IntRange(min = 1, max = 8) int count) {
        List<Integer> caps = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            caps.add(8);
        }
        Plan before = planner.plan(poolSize, partitions, workers(caps), Plan.empty(partitions));
        caps.add(8);
        Plan joined = planner.plan(poolSize, partitions, workers(caps), before);
        String newcomer = "w" + count;
        String[] was = before.owners();
        String[] now = joined.owners();
        for (int p = 0; p < partitions; p++) {
            if (was[p] != null && !was[p].equals(now[p])) {
                assertThat(now[p]).as("partition %d on join", p).isEqualTo(newcomer);
            }
        }
        // And the newcomer leaving again only frees its own partitions.
        caps.remove(caps.size() - 1);
        Plan left = planner.plan(poolSize, partitions, workers(caps), joined);
        String[] after = left.owners();
        for (int p = 0; p < partitions; p++) {
            if (now[p] != null && !now[p].equals(after[p]) && left.share(now[p]).threads() > 0) {
                assertThat(now[p]).as("partition %d on leave", p).isEqualTo(newcomer);
            }
        }
    }

    private static List<WorkerCapacity> workers(List<Integer> caps) {
        return workers(caps.stream().mapToInt(Integer::intValue).toArray());
    }

    private static void assertCaps(Plan plan, List<Integer> caps, int poolSize) {
        long capacity = 0;
        for (int i = 0; i < caps.size(); i++) {
            assertThat(plan.share("w" + i).threads()).isLessThanOrEqualTo(caps.get(i));
            capacity += caps.get(i);
        }
        long working = caps.stream().filter(c -> c > 0).count();
        if (working <= plan.partitions()) {
            // With no more workers than partitions, the whole budget (or all capacity) is handed out.
            assertThat(plan.totalThreads()).isEqualTo((int) Math.min(poolSize, capacity));
        }
    }

    /** The invariants every plan keeps, whatever the input. */
    private static void assertValid(Plan plan, int poolSize) {
        assertThat(plan.totalThreads()).isLessThanOrEqualTo(poolSize);
        boolean anyThreads = plan.workers().values().stream().anyMatch(w -> w.threads() > 0);
        String[] owners = plan.owners();
        int owned = 0;
        for (WorkerPlan share : plan.workers().values()) {
            if (share.threads() == 0) {
                assertThat(share.partitions()).isEmpty();
            } else {
                assertThat(share.partitions()).isNotEmpty();
            }
            owned += share.partitions().size();
        }
        if (anyThreads) {
            assertThat(owners).doesNotContainNull();
            assertThat(owned).as("each partition owned exactly once").isEqualTo(plan.partitions());
        } else {
            assertThat(owned).isZero();
        }
    }
}
