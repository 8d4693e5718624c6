package io.github.arcticasync.testkit;

import java.util.Objects;

/**
 * Starts MongoDB servers for tests: a Testcontainers container where Docker runs, else the embedded server.
 *
 * <pre>{@code
 * try (MongoServer server = MongoServers.start();
 *      MongoClient client = server.newClient()) {
 *     client.getDatabase("test").getCollection("c").insertOne(new Document("x", 1));
 * }
 * }</pre>
 */
public final class MongoServers {

    /** The system property naming the container image; its default is {@value #DEFAULT_IMAGE}. */
    public static final String IMAGE_PROPERTY = "it.mongo.image";

    /** The container image used when {@value #IMAGE_PROPERTY} is unset. */
    public static final String DEFAULT_IMAGE = "mongo:7.0";

    private MongoServers() {
    }

    /** Starts the backend chosen by the system property {@value MongoBackend#PROPERTY} (default auto). */
    public static MongoServer start() {
        return start(MongoBackend.fromSystemProperty());
    }

    /**
     * Starts a server of the given backend; {@link MongoBackend#AUTO} picks the container where Docker answers.
     *
     * @throws IllegalStateException if a container is asked for and no Docker engine answers
     */
    public static MongoServer start(MongoBackend backend) {
        Objects.requireNonNull(backend, "backend");
        return switch (resolve(backend)) {
            case EMBEDDED -> embedded();
            case CONTAINER -> container();
            case AUTO -> throw new AssertionError("resolve never returns AUTO");
        };
    }

    /** Starts the in-process wire-protocol server on a free loopback port. */
    public static MongoServer embedded() {
        return new EmbeddedMongoServer();
    }

    /**
     * Starts a MongoDB container of the image named by {@value #IMAGE_PROPERTY}.
     *
     * @throws IllegalStateException if no Docker engine answers
     */
    public static MongoServer container() {
        if (!Docker.isAvailable()) {
            throw new IllegalStateException("A MongoDB container was asked for but no Docker engine answers; "
                    + "use -D" + MongoBackend.PROPERTY + "=embedded or auto");
        }
        return new ContainerMongoServer(image());
    }

    /** The container image from {@value #IMAGE_PROPERTY}, or {@value #DEFAULT_IMAGE}. */
    public static String image() {
        String image = System.getProperty(IMAGE_PROPERTY);
        return image == null || image.isBlank() ? DEFAULT_IMAGE : image.trim();
    }

    /** The concrete backend that {@code backend} means on this machine: AUTO becomes CONTAINER or EMBEDDED. */
    public static MongoBackend resolve(MongoBackend backend) {
        Objects.requireNonNull(backend, "backend");
        if (backend != MongoBackend.AUTO) {
            return backend;
        }
        return Docker.isAvailable() ? MongoBackend.CONTAINER : MongoBackend.EMBEDDED;
    }
}
