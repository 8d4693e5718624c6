/**
 * Not a user API. How requests reach an executor and results come back: the {@link
 * io.github.arcticasync.internal.transport.Transport} seam, and {@link
 * io.github.arcticasync.internal.transport.LocalTransport}, the in-JVM pool (thread pool + symbol gate + operation
 * executor). A Redis Streams transport slots in behind the same interface.
 */
package io.github.arcticasync.internal.transport;
