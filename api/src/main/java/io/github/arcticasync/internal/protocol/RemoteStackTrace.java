package io.github.arcticasync.internal.protocol;

/**
 * The cause attached to an exception rebuilt from a {@link RemoteError}: its message is the worker's stack trace, so
 * that {@code printStackTrace} on the client shows where the operation really failed.
 */
public final class RemoteStackTrace extends RuntimeException {
    private final String originalType;

    RemoteStackTrace(String originalType, String remoteStack) {
        // No local stack: it would only show the codec, never the failure.
        super("remote " + originalType + (remoteStack.isEmpty() ? "" : "\n" + remoteStack), null, false, false);
        this.originalType = originalType;
    }

    /** The class name of the exception the worker caught. */
    public String originalType() {
        return originalType;
    }
}
