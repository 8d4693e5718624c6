/**
 * The worker process of a Redis-backed cluster: {@link io.github.arcticasync.worker.Worker} consumes the partitions the
 * coordinator assigns it and runs their requests through the same executor and symbol gate as the local pool;
 * {@link io.github.arcticasync.worker.WorkerMain} runs one until SIGTERM. The contract it follows is docs/cluster.md
 * ("Worker contract").
 */
package io.github.arcticasync.worker;
