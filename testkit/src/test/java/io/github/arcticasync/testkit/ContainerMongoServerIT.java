package io.github.arcticasync.testkit;

/** The contract on a Testcontainers MongoDB; disabled, with the reason, where no Docker engine answers. */
@WithMongo(MongoBackend.CONTAINER)
class ContainerMongoServerIT extends MongoServerContract {

    @Override
    MongoBackend expectedKind() {
        return MongoBackend.CONTAINER;
    }
}
