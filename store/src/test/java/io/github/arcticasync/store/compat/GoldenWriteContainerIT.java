package io.github.arcticasync.store.compat;

import io.github.arcticasync.testkit.MongoBackend;
import io.github.arcticasync.testkit.WithMongo;

/**
 * {@link GoldenWriteContract} on a real mongod ({@code it.mongo.image}); disabled where no Docker engine answers.
 * A real mongod orders upserted fields differently and generates timestamped ids; the comparison ignores both.
 */
@WithMongo(MongoBackend.CONTAINER)
class GoldenWriteContainerIT extends GoldenWriteContract {
}
