package io.github.arcticasync.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.util.List;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;

/** What every MongoDB backend of the testkit must do; one short subclass per backend. */
@WithMongo
abstract class MongoServerContract {

    abstract MongoBackend expectedKind();

    @Test
    void insertAndFindThroughTheRealDriver(MongoClient client) {
        MongoCollection<Document> collection = client.getDatabase("testkit").getCollection("insert_find");
        collection.insertOne(new Document("symbol", "AAPL").append("version", 3L).append("n", 7)
                .append("data", new Binary(new byte[] {1, 2, 3})));

        Document found = collection.find(Filters.eq("symbol", "AAPL")).first();

        assertThat(found).isNotNull();
        assertThat(found.get("version")).isInstanceOf(Long.class).isEqualTo(3L);
        assertThat(found.get("n")).isInstanceOf(Integer.class).isEqualTo(7);
        assertThat(found.get("data", Binary.class).getData()).containsExactly(1, 2, 3);
    }

    @Test
    void resolvesTheServerAndConnectionStringOfTheSameBackend(MongoServer server, ConnectionString connection) {
        assertThat(server.kind()).isEqualTo(expectedKind());
        assertThat(connection.getConnectionString()).isEqualTo(server.connectionString());
    }

    @Test
    void newClientSeesWhatTheSharedClientWrote(MongoServer server, MongoClient shared) {
        shared.getDatabase("testkit").getCollection("shared").insertOne(new Document("k", "v"));
        try (MongoClient own = server.newClient()) {
            List<String> names = own.getDatabase("testkit").listCollectionNames().into(new java.util.ArrayList<>());
            assertThat(names).contains("shared");
        }
    }
}
