/**
 * Arctic's numpy-records serialisation (arctic-format.md §3): numpy dtypes and their string forms, packing of Java
 * column arrays into little-endian record bytes and back, append-time dtype promotion, and python-lz4 block framing.
 * Internal: nothing here is public API.
 */
package io.github.arcticasync.store.internal.codec;
