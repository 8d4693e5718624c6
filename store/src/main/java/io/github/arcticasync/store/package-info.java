/**
 * An Arctic VersionStore on MongoDB that reads and writes Python Arctic's layout, and its values: {@link
 * io.github.arcticasync.store.DataFrame}, {@link io.github.arcticasync.store.Series}, {@link
 * io.github.arcticasync.store.NdArray}, {@link io.github.arcticasync.store.DateRange} and {@link
 * io.github.arcticasync.store.UnreadableItem}.
 */
package io.github.arcticasync.store;
