/**
 * The cluster control plane's shared vocabulary: Redis key names, the pool record, worker leases and partition
 * assignments, each with its Redis hash encoding.
 *
 * <p>Not a user API: these types are public only because the client transport, the worker and the coordinator
 * (separate modules) must agree on them. They may change in any release. The package holds pure values and names;
 * it talks to no Redis client, so every module can use it with whatever client it runs. The protocol they encode is
 * written down in {@code docs/cluster.md}.
 */
package io.github.arcticasync.internal.cluster;
