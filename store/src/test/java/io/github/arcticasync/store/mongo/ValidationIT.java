package io.github.arcticasync.store.mongo;

import static io.github.arcticasync.store.mongo.Frames.daily;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import io.github.arcticasync.store.Arctic;
import io.github.arcticasync.store.DataFrame;
import io.github.arcticasync.store.LibraryNotFoundException;
import io.github.arcticasync.store.QuotaExceededException;
import io.github.arcticasync.store.UnhandledDtypeException;
import io.github.arcticasync.store.VersionStore;
import io.github.arcticasync.testkit.WithMongo;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** Bad input gets typed exceptions and leaves stored data unchanged; library administration. */
@WithMongo
class ValidationIT {
    private final MongoClient client;

    ValidationIT(MongoClient client) {
        this.client = client;
    }

    @Test
    void libraryLifecycle() {
        Arctic arctic = Arctic.connect(client);
        assertThatThrownBy(() -> arctic.getLibrary("jdoe.nothere")).isInstanceOf(LibraryNotFoundException.class)
                .hasMessageContaining("jdoe.nothere");
        arctic.initializeLibrary("jdoe.prices");
        arctic.initializeLibrary("plain");
        assertThat(arctic.getLibrary("jdoe.prices").libraryName()).isEqualTo("arctic_jdoe.prices");
        assertThat(arctic.getLibrary("arctic_jdoe.prices").libraryName()).isEqualTo("arctic_jdoe.prices");
        assertThat(arctic.getLibrary("plain").libraryName()).isEqualTo("arctic.plain");
        assertThat(arctic.listLibraries()).contains("jdoe.prices", "plain");
        Document meta = client.getDatabase("arctic_jdoe").getCollection("prices.ARCTIC").find().first();
        assertThat(meta).isEqualTo(new Document("_id", "ARCTIC_META").append("TYPE", "VersionStore")
                .append("QUOTA", 10737418240L));
        Document cache = client.getDatabase("meta_db").getCollection("cache").find().first();
        assertThat(cache.getList("data", String.class)).contains("jdoe.prices", "plain");
        java.util.List<String> indexNames = new java.util.ArrayList<>();
        client.getDatabase("arctic_jdoe").getCollection("prices.versions").listIndexes()
                .forEach(d -> indexNames.add(d.getString("name")));
        assertThat(indexNames).contains("versionstore_idx", "symbol_1_version_-1", "symbol_1__id_-1", "parent_1");
        arctic.deleteLibrary("jdoe.prices");
        assertThat(arctic.listLibraries()).doesNotContain("jdoe.prices");
        assertThat(arctic.libraryExists("jdoe.prices")).isFalse();
        assertThatThrownBy(() -> arctic.initializeLibrary("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> arctic.initializeLibrary("bad name.x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> arctic.initializeLibrary("a/b.c")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> arctic.getLibrary(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void badInputIsRejectedAndDataStaysReadable() {
        Arctic arctic = Arctic.connect(client);
        arctic.initializeLibrary("val.lib");
        VersionStore lib = arctic.getLibrary("val.lib");
        DataFrame df = daily(0, 3, 1);
        lib.write("s", df);
        assertThatThrownBy(() -> lib.write(null, df)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> lib.write("", df)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> lib.write("x".repeat(2000), df)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("limit");
        assertThatThrownBy(() -> lib.write("é", df)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-ASCII");
        assertThatThrownBy(() -> lib.write("s", new Object())).isInstanceOf(UnhandledDtypeException.class);
        assertThatThrownBy(() -> lib.write("s", df, Map.of("bad", new Object())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metadata");
        assertThatThrownBy(() -> lib.read("s", null)).isInstanceOf(NullPointerException.class);
        assertThat(lib.read("s").data()).isEqualTo(df);
        assertThat(lib.read("s").version()).isEqualTo(1);
        lib.write("é", Map.of("inline", true));
        assertThat(lib.read("é").data()).isEqualTo(Map.of("inline", true));
    }

    @Test
    void quotaIsEnforcedWithArcticMessage() {
        Arctic arctic = Arctic.connect(client);
        arctic.initializeLibrary("quota.lib");
        VersionStore lib = arctic.getLibrary("quota.lib");
        DataFrame df = daily(0, 100, 1);
        lib.write("q", df);
        arctic.setQuota("quota.lib", 10);
        assertThat(arctic.getQuota("quota.lib")).isEqualTo(10);
        assertThatThrownBy(() -> lib.write("q", daily(0, 5, 2))).isInstanceOf(QuotaExceededException.class)
                .hasMessageStartingWith("Mongo Quota Exceeded: arctic_quota.lib ")
                .hasMessageEndingWith(" / 0 GB used");
        assertThat(lib.read("q").data()).isEqualTo(df);
        arctic.setQuota("quota.lib", 0);
        lib.write("q", daily(0, 5, 2));
        assertThat(lib.read("q").version()).isEqualTo(2);
    }
}
