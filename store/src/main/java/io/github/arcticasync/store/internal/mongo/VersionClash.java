package io.github.arcticasync.store.internal.mongo;

import io.github.arcticasync.store.OptimisticLockException;

/**
 * A version document could not be inserted because its number is taken: Arctic turns this into a retried
 * {@code OperationFailure}, and so does the store (a fresh number and id on each attempt).
 */
final class VersionClash extends OptimisticLockException {
    VersionClash(String message, Throwable cause) {
        super(message, cause);
    }
}
