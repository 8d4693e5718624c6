package io.github.arcticasync.testkit;

import org.testcontainers.mongodb.MongoDBContainer;
import org.testcontainers.utility.DockerImageName;

/** A MongoDB server in a Testcontainers container (a single-node replica set, as Testcontainers starts it). */
final class ContainerMongoServer implements MongoServer {

    private final MongoDBContainer container;
    private final String connectionString;
    private boolean closed;

    ContainerMongoServer(String image) {
        this.container = new MongoDBContainer(DockerImageName.parse(image).asCompatibleSubstituteFor("mongo"));
        container.start();
        this.connectionString = container.getConnectionString();
    }

    @Override
    public String connectionString() {
        return connectionString;
    }

    @Override
    public MongoBackend kind() {
        return MongoBackend.CONTAINER;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            container.stop();
        }
    }

    @Override
    public String toString() {
        return "ContainerMongoServer[" + container.getDockerImageName() + " at " + connectionString + "]";
    }
}
