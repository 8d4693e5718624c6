package io.github.arcticasync.internal.protocol;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Objects;

/**
 * A failed operation as data: the exception type the client should re-throw, the type the worker actually caught,
 * its message and its stack trace as text.
 *
 * @param type         the fully qualified name of the nearest allow-listed type ({@link RemoteErrors}) the worker's
 *                     exception is an instance of, or its own class name when none is (the client then throws the
 *                     generic fallback)
 * @param originalType the fully qualified class name the worker caught
 * @param message      the exception's message, or {@code null}
 * @param remoteStack  the worker's {@code printStackTrace} text (causes included), at most
 *                     {@link #MAX_STACK_CHARS} chars; empty when unknown
 */
public record RemoteError(String type, String originalType, String message, String remoteStack) {
    /** Longest remote stack trace kept, in chars; longer ones are cut and marked. */
    public static final int MAX_STACK_CHARS = 64 * 1024;

    public RemoteError {
        Objects.requireNonNull(type, "type must not be null");
        Objects.requireNonNull(originalType, "originalType must not be null");
        if (type.isEmpty() || originalType.isEmpty()) {
            throw new IllegalArgumentException("error type names must not be empty");
        }
        remoteStack = remoteStack == null ? "" : cap(remoteStack);
    }

    /** Describes {@code error} for the wire: its allow-listed type, message and stack trace. */
    public static RemoteError of(Throwable error) {
        Objects.requireNonNull(error, "error must not be null");
        StringWriter stack = new StringWriter();
        try (PrintWriter out = new PrintWriter(stack)) {
            error.printStackTrace(out);
        }
        return new RemoteError(RemoteErrors.wireType(error), error.getClass().getName(), error.getMessage(),
                stack.toString());
    }

    /**
     * Rebuilds the exception to throw on the client: a new instance of the allow-listed {@link #type} (or the
     * generic fallback) with the same message, whose cause carries the remote stack.
     */
    public RuntimeException toException() {
        return RemoteErrors.rebuild(this);
    }

    private static String cap(String stack) {
        if (stack.length() <= MAX_STACK_CHARS) {
            return stack;
        }
        String marker = "\n\t... (remote stack truncated)";
        return stack.substring(0, MAX_STACK_CHARS - marker.length()) + marker;
    }
}
