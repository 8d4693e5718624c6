package io.github.arcticasync.bench;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * An in-process mongo-java-server (memory backend) on a free loopback port. Both sides of a comparison talk to this
 * one server through the real MongoDB driver, so the server's cost is the same for the measured code and its
 * baseline.
 */
final class EmbeddedMongo implements AutoCloseable {

    private final MongoServer server;
    private final String connectionString;

    EmbeddedMongo() {
        this.server = new MongoServer(new MemoryBackend());
        // Port 0: the OS picks a free port, so a benchmark never collides with a test run beside it.
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        this.connectionString = "mongodb://127.0.0.1:" + address.getPort();
    }

    String connectionString() {
        return connectionString;
    }

    /** A new client of this server; the caller closes it. */
    MongoClient newClient() {
        return MongoClients.create(connectionString);
    }

    /** A new client whose commands are reported to {@code listener}; the caller closes it. */
    MongoClient newClient(CommandListener listener) {
        Objects.requireNonNull(listener, "listener must not be null");
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(connectionString))
                .addCommandListener(listener)
                .build());
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
