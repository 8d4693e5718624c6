package io.github.arcticasync.testkit;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.InetSocketAddress;

/**
 * The in-process mongo-java-server with its memory backend, bound to a free loopback port. {@link #stop()} and
 * {@link #start()} take it off the network and back on the same port, keeping the data (an outage, not a wipe).
 */
final class EmbeddedMongoServer implements MongoServer {

    private final MemoryBackend backend = new MemoryBackend();
    private final int port;
    private final String connectionString;
    private de.bwaldvogel.mongo.MongoServer server;
    private boolean closed;

    EmbeddedMongoServer() {
        this.server = new de.bwaldvogel.mongo.MongoServer(keepOpen(backend));
        // Port 0 lets the OS pick a free port, so parallel test JVMs never collide.
        server.bind("127.0.0.1", 0);
        InetSocketAddress address = server.getLocalAddress();
        this.port = address.getPort();
        this.connectionString = "mongodb://127.0.0.1:" + port;
    }

    /** The backend seen through a view whose close() does nothing: a server's shutdown must not drop the data. */
    private static de.bwaldvogel.mongo.MongoBackend keepOpen(de.bwaldvogel.mongo.MongoBackend backend) {
        return (de.bwaldvogel.mongo.MongoBackend) Proxy.newProxyInstance(
                de.bwaldvogel.mongo.MongoBackend.class.getClassLoader(),
                new Class<?>[] {de.bwaldvogel.mongo.MongoBackend.class}, (self, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        return null;
                    }
                    try {
                        return method.invoke(backend, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
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
    public synchronized void stop() {
        if (closed) {
            throw new IllegalStateException("embedded MongoDB fixture is closed");
        }
        if (server != null) {
            server.shutdownNow();
            server = null;
        }
    }

    @Override
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("embedded MongoDB fixture is closed");
        }
        if (server == null) {
            de.bwaldvogel.mongo.MongoServer next = new de.bwaldvogel.mongo.MongoServer(keepOpen(backend));
            next.bind("127.0.0.1", port);
            server = next;
        }
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            if (server != null) {
                server.shutdownNow();
                server = null;
            }
            backend.close();
        }
    }

    @Override
    public String toString() {
        return "EmbeddedMongoServer[" + connectionString + "]";
    }
}
