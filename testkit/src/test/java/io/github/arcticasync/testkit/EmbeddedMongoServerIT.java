package io.github.arcticasync.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The contract on the in-process wire-protocol server, plus its own lifecycle. */
@WithMongo(MongoBackend.EMBEDDED)
class EmbeddedMongoServerIT extends MongoServerContract {

    @Override
    MongoBackend expectedKind() {
        return MongoBackend.EMBEDDED;
    }

    @Test
    void twoEmbeddedServersAreIndependentAndListenOnLoopback() {
        try (MongoServer first = MongoServers.embedded(); MongoServer second = MongoServers.embedded()) {
            assertThat(first.connectionString()).startsWith("mongodb://127.0.0.1:")
                    .isNotEqualTo(second.connectionString());
            try (MongoClient a = first.newClient(); MongoClient b = second.newClient()) {
                a.getDatabase("d").getCollection("c").insertOne(new Document("x", 1));
                assertThat(b.getDatabase("d").getCollection("c").countDocuments()).isZero();
                assertThat(a.getDatabase("d").getCollection("c").countDocuments()).isEqualTo(1);
            }
        }
    }

    @Test
    void unknownBackendNameIsRejectedWithTheName() {
        assertThatThrownBy(() -> MongoBackend.parse("docker"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("docker");
    }
}
