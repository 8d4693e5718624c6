package io.github.arcticasync.asynchronous;

import java.util.Objects;

/**
 * A library named by its canonical name ({@code arctic_user.lib}, or {@code lib} for the default user) instead of a
 * {@link io.github.arcticasync.store.VersionStore}: for clients that hold no MongoDB connection of their own. The pool
 * that runs the request resolves the name against its own Arctic connection.
 *
 * @param name the library name, not blank
 */
public record LibraryRef(String name) {
    public LibraryRef {
        Objects.requireNonNull(name, "library name must not be null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("library name must not be blank");
        }
    }

    /** The library called {@code name}. */
    public static LibraryRef of(String name) {
        return new LibraryRef(name);
    }
}
