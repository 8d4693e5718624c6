package io.github.arcticasync.asynchronous;

import io.github.arcticasync.store.Arctic;
import io.github.arcticasync.store.VersionStore;
import io.github.arcticasync.testkit.MongoServer;
import io.github.arcticasync.testkit.MongoServers;

/** The AsyncArctic suite on the in-JVM pool: requests run in this JVM on the stores the caller passes. */
class AsyncArcticLocalIT extends AsyncArcticContract {
    private MongoServer server;
    private Arctic arctic;

    @Override
    protected Arctic startBackend() {
        server = MongoServers.start();
        arctic = Arctic.connect(server.connectionString());
        return arctic;
    }

    @Override
    protected void stopBackend() {
        server.close();
    }

    @Override
    protected AsyncArctic newAsyncArctic() {
        return AsyncArctic.builder().arctic(arctic).poolSize(4).build();
    }

    @Override
    protected AsyncArctic newClientByName() {
        return AsyncArctic.builder().mongo(server.connectionString()).build();
    }

    @Override
    protected Object library(VersionStore library) {
        return library;
    }
}
