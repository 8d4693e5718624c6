package io.github.arcticasync.internal.protocol;

import io.github.arcticasync.store.ArcticSerializationException;

/**
 * The one exception the wire codec throws: bytes that are not a valid envelope of a known format version, or a value
 * that has no registered wire type. Decoding malformed input never throws anything else.
 */
public final class ProtocolException extends ArcticSerializationException {
    public ProtocolException(String message) {
        super(message);
    }

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
