package io.github.arcticasync.testkit;

import java.util.Locale;

/**
 * A kind of MongoDB server that {@link MongoServers} can give a test.
 *
 * <p>The system property {@value #PROPERTY} ({@code embedded}, {@code container} or {@code auto}) forces one
 * kind for every fixture that does not name its own.
 */
public enum MongoBackend {

    /** The in-process wire-protocol server (mongo-java-server with its memory backend). */
    EMBEDDED,

    /** A Testcontainers MongoDB container, image from the system property {@code it.mongo.image}. */
    CONTAINER,

    /** {@link #CONTAINER} where a Docker engine answers, else {@link #EMBEDDED}. */
    AUTO;

    /** The system property that forces the backend of {@link MongoServers#start()}. */
    public static final String PROPERTY = "it.mongo.backend";

    /**
     * Parses a backend name, ignoring case.
     *
     * @throws IllegalArgumentException if the name is null or not one of embedded, container, auto
     */
    public static MongoBackend parse(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("MongoDB backend name must not be blank; use embedded, container or auto");
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "Unknown MongoDB backend '" + name + "' (" + PROPERTY + "); use embedded, container or auto", e);
        }
    }

    /** The backend named by the system property {@value #PROPERTY}, or {@link #AUTO} when it is unset. */
    public static MongoBackend fromSystemProperty() {
        String value = System.getProperty(PROPERTY);
        return value == null || value.isBlank() ? AUTO : parse(value);
    }
}
