package io.github.arcticasync.bench.cluster;

import io.github.arcticasync.store.VersionStore;

/**
 * What the Redisson baseline's tasks reach in their worker JVM: Redisson defines each task class from the bytes the
 * submitter sent, in a child class loader, so shared state lives here, in a class of the worker's own class path.
 */
public final class RedissonWorkerStores {
    private static volatile VersionStore library;
    private static volatile byte[] blob;

    private RedissonWorkerStores() {
    }

    static void set(VersionStore lib, byte[] bytes) {
        library = lib;
        blob = bytes;
    }

    public static VersionStore library() {
        VersionStore l = library;
        if (l == null) {
            throw new IllegalStateException("no library: this JVM is not a Redisson bench worker");
        }
        return l;
    }

    public static byte[] blob() {
        return blob;
    }
}
