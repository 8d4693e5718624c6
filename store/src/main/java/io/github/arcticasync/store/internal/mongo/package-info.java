/**
 * The MongoDB layer of the store: Python Arctic 1.83.1's VersionStore layout (arctic-format.md §1, §2, §4), one
 * small class per job. {@link io.github.arcticasync.store.internal.mongo.MongoVersionStore} composes them;
 * {@link io.github.arcticasync.store.internal.mongo.LibraryAdmin} creates, lists and drops libraries. Nothing here
 * is public API: {@link io.github.arcticasync.store.Arctic} is the entry point.
 */
package io.github.arcticasync.store.internal.mongo;
