package io.github.arcticasync.store.compat;

import io.github.arcticasync.testkit.MongoBackend;
import io.github.arcticasync.testkit.WithMongo;

/** {@link GoldenReadContract} on a real mongod ({@code it.mongo.image}); disabled where no Docker engine answers. */
@WithMongo(MongoBackend.CONTAINER)
class GoldenReadContainerIT extends GoldenReadContract {
}
