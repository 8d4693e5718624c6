package io.github.arcticasync.worker;

import io.github.arcticasync.asynchronous.AsyncArctic;

/**
 * The AsyncArctic suite, unchanged, on the Redis Streams transport with pipelined submits: every guarantee of the
 * suite (results, typed errors, per-symbol order, timeouts, shutdown) holds when {@code submit} returns before Redis
 * has acknowledged the request.
 */
class AsyncArcticPipelinedRedisIT extends AsyncArcticRedisIT {
    @Override
    protected AsyncArctic.Builder client() {
        return super.client().pipelinedSubmits(true);
    }
}
