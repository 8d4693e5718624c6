package io.github.arcticasync.store.compat;

import io.github.arcticasync.testkit.MongoBackend;
import io.github.arcticasync.testkit.WithMongo;

/** {@link GoldenReadContract} on the embedded wire-protocol server (the backend the vectors were written on). */
@WithMongo(MongoBackend.EMBEDDED)
class GoldenReadIT extends GoldenReadContract {
}
