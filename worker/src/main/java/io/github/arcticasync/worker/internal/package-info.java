/** The parts of a worker: fetching, executing, posting results, heartbeats, reclaiming and dead-lettering. */
package io.github.arcticasync.worker.internal;
