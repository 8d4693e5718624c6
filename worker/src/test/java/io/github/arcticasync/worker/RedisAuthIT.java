package io.github.arcticasync.worker;

import io.github.arcticasync.asynchronous.AsyncArctic;
import io.github.arcticasync.asynchronous.AsyncArcticException;
import io.github.arcticasync.asynchronous.LibraryRef;
import io.github.arcticasync.coordinator.Coordinator;
import io.github.arcticasync.store.Arctic;
import io.github.arcticasync.store.VersionedItem;
import io.github.arcticasync.testkit.MongoServer;
import io.github.arcticasync.testkit.MongoServers;
import io.github.arcticasync.testkit.RedisConfig;
import io.github.arcticasync.testkit.RedisServer;
import io.github.arcticasync.testkit.RedisServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static io.github.arcticasync.worker.ClusterFixtures.LONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code AsyncArctic.builder().redis(url)} against a redis-server that requires a password ({@code requirepass},
 * URL {@code redis://:pw@host:port}) and one with an ACL user ({@code redis://user:pw@host:port}): coordinator, worker
 * and client all authenticate from the URL; a wrong password fails with a typed error that does not show it.
 */
class RedisAuthIT {
    private static final LibraryRef LIB = LibraryRef.of("auth_it");
    private static MongoServer mongo;
    private static Arctic arctic;

    @BeforeAll
    static void mongo() {
        mongo = MongoServers.embedded();
        arctic = Arctic.connect(mongo.connectionString());
        arctic.initializeLibrary(LIB.name());
    }

    @AfterAll
    static void stop() {
        ClusterFixtures.closeAll(arctic, mongo);
    }

    @ParameterizedTest
    @ValueSource(strings = {"requirepass", "acl"})
    void theWholeClusterAuthenticatesFromTheUrl(String mode) {
        RedisConfig config = mode.equals("acl")
                ? RedisConfig.builder().password("default-pw").aclUser("arctic", "s3cret-acl").build()
                : RedisConfig.builder().password("s3cret-pass").build();
        try (RedisServer redis = RedisServers.start(config)) {
            String url = redis.uri();
            assertThat(url).contains(mode.equals("acl") ? "arctic:s3cret-acl@" : ":s3cret-pass@");
            String ns = "auth-" + mode;
            try (Coordinator c = ClusterFixtures.coordinator(url, ns, "c1", 2);
                 Worker w = Worker.start(ClusterFixtures.worker(url, mongo.connectionString(), ns, "w1").build());
                 AsyncArctic aa = AsyncArctic.builder().redis(url).namespace(ns).build()) {
                aa.waitRequest(aa.submit(LIB, "write", false, mode, ClusterFixtures.frame(5, 1)), LONG);
                VersionedItem item = (VersionedItem) aa.waitRequest(aa.submit(LIB, "read", false, mode), LONG);
                assertThat(item.data()).isEqualTo(ClusterFixtures.frame(5, 1));
                assertThat(w.isTerminated()).isFalse();
            }
            String wrong = url.replace("s3cret", "wrong");
            assertThatThrownBy(() -> {
                try (AsyncArctic bad = AsyncArctic.builder().redis(wrong).namespace(ns).build()) {
                    bad.submit(LIB, "has_symbol", false, "X");
                }
            }).isInstanceOf(AsyncArcticException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("wrong-pass").doesNotContain("wrong-acl"));
            String none = url.replaceFirst("//[^@]*@", "//");
            assertThatThrownBy(() -> {
                try (AsyncArctic bad = AsyncArctic.builder().redis(none).namespace(ns).build()) {
                    bad.submit(LIB, "has_symbol", false, "X");
                }
            }).isInstanceOf(AsyncArcticException.class);
        }
    }
}
