package io.github.arcticasync.bench.cluster;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * An in-process mongo-java-server (memory backend) on a free loopback port: the MongoDB of every worker process of
 * both sides, so both reach the same data through the real driver over TCP.
 */
final class ClusterMongo implements AutoCloseable {
    private final MongoServer server;
    private final String url;

    ClusterMongo() {
        this.server = new MongoServer(new MemoryBackend());
        server.bind("127.0.0.1", 0);
        this.url = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
    }

    String url() {
        return url;
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
