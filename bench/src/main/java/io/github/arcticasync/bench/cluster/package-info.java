/**
 * The cluster benchmark (issue 4 §5): the Redis Streams transport with worker processes, against Redisson's
 * {@code RExecutorService} on the same Redis in the same run. The harness starts a real {@code redis-server}, an
 * embedded MongoDB and a coordinator in its own JVM, and the workers of both sides as child JVMs.
 */
package io.github.arcticasync.bench.cluster;
