package io.github.arcticasync.internal.execution;

import io.github.arcticasync.store.VersionStore;

/** Finds the {@link VersionStore} of a library by its canonical name, for the process that runs the operation. */
@FunctionalInterface
public interface StoreResolver {
    /**
     * The library called {@code library}.
     *
     * @throws io.github.arcticasync.store.LibraryNotFoundException if there is none
     */
    VersionStore resolve(String library);
}
