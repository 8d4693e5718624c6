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

    /** Stops the server; calling it again does nothing. */
    @Override
    void close();
}
