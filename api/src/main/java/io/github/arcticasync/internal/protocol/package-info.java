/**
 * The wire format shared by the Redis transport, the workers and the coordinator: request and result envelopes
 * encoded as versioned BSON, with DataFrames as typed column buffers.
 *
 * <p><b>Not a user API.</b> These types are public only so that the {@code worker} and {@code coordinator} modules
 * can use them; they may change in any release. The format itself is specified in {@code docs/protocol.md}.
 */
package io.github.arcticasync.internal.protocol;
