package io.github.arcticasync.internal.protocol;

import io.github.arcticasync.asynchronous.AsyncArcticException;
import io.github.arcticasync.asynchronous.RequestDurationException;
import io.github.arcticasync.store.ArcticException;
import io.github.arcticasync.store.ArcticSerializationException;
import io.github.arcticasync.store.ConcurrentModificationException;
import io.github.arcticasync.store.DataIntegrityException;
import io.github.arcticasync.store.DuplicateSnapshotException;
import io.github.arcticasync.store.LibraryNotFoundException;
import io.github.arcticasync.store.NoDataFoundException;
import io.github.arcticasync.store.OptimisticLockException;
import io.github.arcticasync.store.OverlappingDataException;
import io.github.arcticasync.store.QuotaExceededException;
import io.github.arcticasync.store.UnhandledDtypeException;
import io.github.arcticasync.store.UnorderedDataException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * The allow-list of exception types that may cross the wire and be re-thrown on the client as themselves.
 *
 * <p>A type name from the wire is only ever looked up in this table; no class is ever loaded or instantiated by name.
 * Anything not in the table comes back as the generic fallback, {@link AsyncArcticException}, whose message names the
 * remote type.
 */
public final class RemoteErrors {
    private static final Map<String, BiFunction<String, Throwable, RuntimeException>> FACTORIES = factories();

    private RemoteErrors() {
    }

    private static Map<String, BiFunction<String, Throwable, RuntimeException>> factories() {
        // Subclasses before their parents is not needed: lookup is by exact name; wireType walks up the hierarchy.
        Map<String, BiFunction<String, Throwable, RuntimeException>> m = new LinkedHashMap<>();
        m.put(ArcticException.class.getName(), ArcticException::new);
        m.put(NoDataFoundException.class.getName(), NoDataFoundException::new);
        m.put(LibraryNotFoundException.class.getName(), LibraryNotFoundException::new);
        m.put(DuplicateSnapshotException.class.getName(), DuplicateSnapshotException::new);
        m.put(OptimisticLockException.class.getName(), OptimisticLockException::new);
        m.put(QuotaExceededException.class.getName(), QuotaExceededException::new);
        m.put(UnhandledDtypeException.class.getName(), UnhandledDtypeException::new);
        m.put(ArcticSerializationException.class.getName(), ArcticSerializationException::new);
        m.put(ProtocolException.class.getName(), ProtocolException::new);
        m.put(DataIntegrityException.class.getName(), DataIntegrityException::new);
        m.put(ConcurrentModificationException.class.getName(), ConcurrentModificationException::new);
        m.put(UnorderedDataException.class.getName(), UnorderedDataException::new);
        m.put(OverlappingDataException.class.getName(), OverlappingDataException::new);
        m.put(AsyncArcticException.class.getName(), AsyncArcticException::new);
        m.put(RequestDurationException.class.getName(), RequestDurationException::new);
        m.put(IllegalArgumentException.class.getName(), IllegalArgumentException::new);
        m.put(IllegalStateException.class.getName(), IllegalStateException::new);
        m.put(UnsupportedOperationException.class.getName(), UnsupportedOperationException::new);
        return Collections.unmodifiableMap(m);
    }

    /** The fully qualified names that are re-thrown as themselves. */
    public static Set<String> allowedTypes() {
        return FACTORIES.keySet();
    }

    /**
     * The name to put on the wire for {@code error}: its own class or nearest superclass in the allow-list, or its own
     * class name when no ancestor is allowed (the client then throws the fallback).
     */
    public static String wireType(Throwable error) {
        for (Class<?> c = error.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            if (FACTORIES.containsKey(c.getName())) {
                return c.getName();
            }
        }
        return error.getClass().getName();
    }

    /** The exception to throw on the client for {@code error}, with the remote stack as its cause. */
    public static RuntimeException rebuild(RemoteError error) {
        RemoteStackTrace remote = new RemoteStackTrace(error.originalType(), error.remoteStack());
        BiFunction<String, Throwable, RuntimeException> factory = FACTORIES.get(error.type());
        if (factory == null) {
            String message = "remote operation failed with " + error.originalType()
                    + (error.message() == null ? "" : ": " + error.message());
            return new AsyncArcticException(message, remote);
        }
        return factory.apply(error.message(), remote);
    }
}
