package io.github.arcticasync.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's embedded MongoDB, through the real driver: data survives a restart; a folder has one owner. */
class EmbeddedMongoIT {

    @TempDir
    Path dir;

    @Test
    void dataWrittenBeforeCloseIsReadAfterRestart() {
        Path dataDir = dir.resolve("nested/data");
        try (EmbeddedMongo mongo = EmbeddedMongo.start(dataDir);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            assertThat(mongo.connectionString()).startsWith("mongodb://127.0.0.1:");
            client.getDatabase("arctic").getCollection("probe").insertOne(new Document("_id", "k").append("v", 42));
        }
        assertThat(dataDir.resolve(EmbeddedMongo.FILE_NAME)).isRegularFile();

        try (EmbeddedMongo mongo = EmbeddedMongo.start(dataDir);
             MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> probe = client.getDatabase("arctic").getCollection("probe");
            assertThat(probe.find(new Document("_id", "k")).first()).isNotNull().containsEntry("v", 42);
        }
    }

    @Test
    void aSecondServerOnTheSameFolderIsRefusedWithAClearMessage() {
        try (EmbeddedMongo first = EmbeddedMongo.start(dir)) {
            assertThatThrownBy(() -> EmbeddedMongo.start(dir).close())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(dir.resolve(EmbeddedMongo.FILE_NAME).toString())
                    .hasMessageContaining("--data-dir");
            assertThat(first.file()).isRegularFile();
        }
    }

    @Test
    void aFileWhereTheFolderShouldBeIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");

        assertThatThrownBy(() -> EmbeddedMongo.start(file))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not a folder");
    }

    @Test
    void closeIsIdempotent() {
        EmbeddedMongo mongo = EmbeddedMongo.start(dir);
        mongo.close();
        mongo.close();

        // Closed means the file is released: another server may open it now.
        try (EmbeddedMongo again = EmbeddedMongo.start(dir)) {
            assertThat(again.dataDir()).isEqualTo(dir.toAbsolutePath().normalize());
        }
    }
}
