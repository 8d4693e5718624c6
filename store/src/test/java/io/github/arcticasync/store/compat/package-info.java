/**
 * Compatibility tests against golden vectors written by real Python Arctic 1.83.1 ({@code shared/arctic-vectors}):
 * the Java store must read what Python wrote ({@code GoldenReadIT}) and write what Python writes
 * ({@code GoldenWriteIT}); {@link io.github.arcticasync.store.compat.GoldenHarnessIT} checks the harness itself.
 */
package io.github.arcticasync.store.compat;
