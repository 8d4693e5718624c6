package io.github.arcticasync.asynchronous;

import io.github.arcticasync.store.VersionStore;

import java.util.List;
import java.util.function.Function;

/** Resolves library names against a MongoDB URL through the store's {@code Arctic}. */
final class MongoLibraries {
    private MongoLibraries() {
    }

    /** A resolver over a connection to {@code url}; the connection is added to {@code resources} to be closed. */
    static Function<String, ? extends VersionStore> connect(String url, List<AutoCloseable> resources) {
        throw new AsyncArcticException("mongo(" + AsyncArcticSettings.mask(url) + "): the store's Arctic connection "
                + "is not available in this build yet; use libraries(arctic::getLibrary)");
    }
}
