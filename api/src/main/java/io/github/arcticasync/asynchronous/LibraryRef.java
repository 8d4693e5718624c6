package io.github.arcticasync.asynchronous;

import io.github.arcticasync.store.Arctic;
import java.util.Objects;

/**
 * A library named instead of given as a {@link io.github.arcticasync.store.VersionStore}: for clients that hold no
 * MongoDB connection of their own. The pool that runs the request resolves the name against its own Arctic
 * connection.
 *
 * @param name the canonical library name ({@code arctic_jdoe.prices}); any spelling Arctic accepts
 *             ({@code jdoe.prices}) is canonicalised, so requests through a ref and through a VersionStore of the
 *             same library share one clash-rule key
 */
public record LibraryRef(String name) {
    public LibraryRef {
        Objects.requireNonNull(name, "library name must not be null");
        name = Arctic.canonicalLibraryName(name);
    }

    /** The library called {@code name}. */
    public static LibraryRef of(String name) {
        return new LibraryRef(name);
    }
}
