/**
 * The coordinator of a Redis-backed arctic-async cluster: {@link io.github.arcticasync.coordinator.Coordinator} (one
 * process of possibly several, of which one leads), its {@link io.github.arcticasync.coordinator.CoordinatorConfig},
 * and the pure {@link io.github.arcticasync.coordinator.PartitionPlanner} that splits the pool size into per-worker
 * thread allotments and partitions. The protocol is described in {@code docs/cluster.md}.
 */
package io.github.arcticasync.coordinator;
