package io.github.arcticasync.testkit;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The embedded MongoDB stops (an outage) and starts again on the same port with its data. */
class EmbeddedMongoStopStartIT {

    @Test
    void stopMakesItUnreachableAndStartServesTheSameDataOnTheSamePort() {
        try (MongoServer server = MongoServers.embedded();
             MongoClient client = MongoClients.create(MongoClientSettings.builder()
                     .applyConnectionString(new ConnectionString(server.connectionString()))
                     .applyToClusterSettings(b -> b.serverSelectionTimeout(500, TimeUnit.MILLISECONDS)).build())) {
            MongoCollection<Document> c = client.getDatabase("t").getCollection("c");
            c.insertOne(new Document("x", 1));
            server.stop();
            server.stop(); // idempotent
            // A pooled connection sees the socket close; a new one finds no server.
            assertThatThrownBy(() -> c.countDocuments()).isInstanceOf(MongoException.class);
            assertThatThrownBy(() -> c.countDocuments()).isInstanceOf(MongoTimeoutException.class);
            server.start();
            server.start(); // idempotent
            assertThat(c.find().first()).containsEntry("x", 1);
            c.insertOne(new Document("x", 2));
            assertThat(c.countDocuments()).isEqualTo(2);
        }
    }

    @Test
    void aClosedFixtureCannotStartAgain() {
        MongoServer server = MongoServers.embedded();
        server.close();
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }
}
