/**
 * The coordinator's moving parts: leader lease, worker registry, rebalancing, control commands, counters and metrics.
 *
 * <p>Not a user API: public only so the CLI can issue control commands and read counters; may change in any release.
 */
package io.github.arcticasync.coordinator.internal;
