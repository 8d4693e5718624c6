package io.github.arcticasync.asynchronous;

import io.github.arcticasync.store.Arctic;
import io.github.arcticasync.store.VersionStore;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/** Resolves library names through the store's {@link Arctic}, connecting at first use. */
final class MongoLibraries implements Function<String, VersionStore> {
    private final Supplier<Arctic> source;
    private volatile Arctic arctic;

    private MongoLibraries(Supplier<Arctic> source) {
        this.source = source;
    }

    /** A resolver over a connection to {@code url} that this instance opens, and closes via {@code resources}. */
    static Function<String, VersionStore> connect(String url, List<AutoCloseable> resources) {
        MongoLibraries libraries = new MongoLibraries(() -> Arctic.connect(url));
        resources.add(() -> {
            Arctic a = libraries.arctic;
            if (a != null) {
                a.close();
            }
        });
        return libraries;
    }

    /** A resolver over the Arctic {@code supplier} gives at first use; its owner closes it. */
    static Function<String, VersionStore> of(Supplier<Arctic> supplier) {
        return new MongoLibraries(supplier);
    }

    @Override
    public VersionStore apply(String library) {
        Arctic a = arctic;
        if (a == null) {
            synchronized (this) {
                a = arctic;
                if (a == null) {
                    a = source.get();
                    if (a == null) {
                        throw new AsyncArcticException("The Arctic supplier returned null");
                    }
                    arctic = a;
                }
            }
        }
        return a.getLibrary(library);
    }
}
