package io.github.arcticasync.testkit;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;

/** The in-process mongo-java-server with its memory backend, bound to a free loopback port. */
final class EmbeddedMongoServer implements MongoServer {

    private final de.bwaldvogel.mongo.MongoServer server;
    private final String connectionString;
    private boolean closed;

    EmbeddedMongoServer() {
        this.server = new de.bwaldvogel.mongo.MongoServer(new MemoryBackend());
        // Port 0 lets the OS pick a free port, so parallel test JVMs never collide.
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        this.connectionString = "mongodb://127.0.0.1:" + address.getPort();
    }

    @Override
    public String connectionString() {
        return connectionString;
    }

    @Override
    public MongoBackend kind() {
        return MongoBackend.EMBEDDED;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            server.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return "EmbeddedMongoServer[" + connectionString + "]";
    }
}
