package io.github.arcticasync.cli;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An in-process MongoDB wire-protocol server (mongo-java-server) whose data lives in one H2 MVStore file, so that
 * what the demo (and later {@code arctic-async up}) writes is still there on the next run.
 *
 * <p>It listens on a free loopback port; clients reach it through the real MongoDB driver with
 * {@link #connectionString()}. Only one process at a time may open a data folder: MVStore locks its file.
 */
public final class EmbeddedMongo implements AutoCloseable {

    /** The store file inside the data folder. */
    public static final String FILE_NAME = "arctic-async.mv.db";

    private final Path dataDir;
    private final H2Backend backend;
    private final MongoServer server;
    private final String connectionString;
    private boolean closed;

    private EmbeddedMongo(Path dataDir, H2Backend backend, MongoServer server, String connectionString) {
        this.dataDir = dataDir;
        this.backend = backend;
        this.server = server;
        this.connectionString = connectionString;
    }

    /**
     * Opens (or creates) the data folder and starts the server on a free port of 127.0.0.1.
     *
     * @throws IllegalArgumentException if {@code dataDir} is null or exists and is not a folder
     * @throws IllegalStateException if the store file cannot be opened, e.g. because another process has it open
     */
    public static EmbeddedMongo start(Path dataDir) {
        Objects.requireNonNull(dataDir, "dataDir must not be null");
        Path dir = dataDir.toAbsolutePath().normalize();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IllegalArgumentException("data dir " + dir + " exists and is not a folder");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data dir " + dir, e);
        }
        Path file = dir.resolve(FILE_NAME);
        H2Backend backend;
        try {
            backend = new H2Backend(file.toString());
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot open the embedded MongoDB store " + file
                    + " (is another arctic-async process using this data dir? pass another --data-dir): "
                    + e.getMessage(), e);
        }
        MongoServer server = new MongoServer(backend);
        try {
            // Port 0: the OS picks a free port, so two demos with different data dirs never collide.
            server.bind("127.0.0.1", 0);
        } catch (RuntimeException e) {
            backend.close();
            throw new IllegalStateException("cannot start the embedded MongoDB server on 127.0.0.1: " + e.getMessage(),
                    e);
        }
        InetSocketAddress address = server.getLocalAddress();
        return new EmbeddedMongo(dir, backend, server, "mongodb://127.0.0.1:" + address.getPort());
    }

    /** The URL a MongoDB driver connects with, e.g. {@code mongodb://127.0.0.1:40123}. */
    public String connectionString() {
        return connectionString;
    }

    /** The folder holding the data (absolute). */
    public Path dataDir() {
        return dataDir;
    }

    /** The MVStore file holding the data. */
    public Path file() {
        return dataDir.resolve(FILE_NAME);
    }

    /** Stops the server, then writes and closes the store file. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.shutdownNow();
        } finally {
            // The server does not close its backend; closing the MVStore is what makes the last writes durable.
            backend.close();
        }
    }

    @Override
    public String toString() {
        return "EmbeddedMongo[" + connectionString + ", " + file() + "]";
    }
}
