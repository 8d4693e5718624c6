/**
 * The asynchronous API: {@link io.github.arcticasync.asynchronous.AsyncArctic} runs Arctic store operations on a pool,
 * keeping Arctic's clash rule per (library, symbol). Python Arctic's {@code arctic.asynchronous} functions are its
 * static methods; {@code AsyncArctic.builder()} makes independent instances.
 */
package io.github.arcticasync.asynchronous;
