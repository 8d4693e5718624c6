package io.github.arcticasync.testkit;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;

/**
 * A running MongoDB server for tests, embedded or in a container; closing it stops the server.
 *
 * <p>Obtain one from {@link MongoServers}. Each {@link #newClient()} is a real driver client that the caller
 * closes.
 */
public interface MongoServer extends AutoCloseable {

    /** The connection string of the server, for example {@code mongodb://127.0.0.1:40123}. */
    String connectionString();

    /** Which backend runs this server: {@link MongoBackend#EMBEDDED} or {@link MongoBackend#CONTAINER}. */
    MongoBackend kind();

    /** A new driver client connected to this server; the caller closes it. */
    default MongoClient newClient() {
        return MongoClients.create(new ConnectionString(connectionString()));
    }

    /**
     * Stops serving, as a MongoDB outage would: clients lose their connections and cannot reconnect until
     * {@link #start()}, which serves the same data on the same port again. Supported by the embedded server.
     *
     * @throws UnsupportedOperationException for a backend that cannot stop and start again
     */
    default void stop() {
        throw new UnsupportedOperationException(kind() + " MongoDB fixture cannot stop and start again");
    }

    /**
     * Serves again after {@link #stop()}, on the same port with the same data; does nothing while serving.
     *
     * @throws UnsupportedOperationException for a backend that cannot stop and start again
     */
    default void start() {
        throw new UnsupportedOperationException(kind() + " MongoDB fixture cannot stop and start again");
    }

    /** Stops the server; calling it again does nothing. */
    @Override
    void close();
}
