package io.github.arcticasync.store;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoException;
import com.mongodb.MongoSecurityException;
import io.github.arcticasync.testkit.MongoServers;
import io.github.arcticasync.testkit.ThrowableText;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * MongoDB authentication comes from the URL alone: a real mongod ({@code it.mongo.image}) started with a root user
 * accepts the store with the right credentials and refuses it, with a typed error that does not repeat the password,
 * with wrong or missing ones. The embedded test server implements no authentication, so this runs only where a
 * Docker engine answers.
 */
@EnabledIf(value = "io.github.arcticasync.testkit.Docker#isAvailable",
        disabledReason = "no Docker engine answers; the embedded MongoDB has no authentication to test")
class MongoAuthContainerIT {
    private static final String USER = "arctic";
    private static final String PASSWORD = "pw-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
    /** Fail fast on refused credentials instead of the driver's 30 s server selection. */
    private static final String OPTIONS = "/?authSource=admin&serverSelectionTimeoutMS=5000";

    private static GenericContainer<?> mongo;

    @BeforeAll
    static void start() {
        mongo = new GenericContainer<>(DockerImageName.parse(MongoServers.image()).asCompatibleSubstituteFor("mongo"))
                .withEnv("MONGO_INITDB_ROOT_USERNAME", USER)
                .withEnv("MONGO_INITDB_ROOT_PASSWORD", PASSWORD)
                .withExposedPorts(27017)
                // The image's entrypoint starts mongod once to create the user, then again for real.
                .waitingFor(Wait.forLogMessage("(?i).*waiting for connections.*", 2)
                        .withStartupTimeout(Duration.ofMinutes(2)));
        mongo.start();
    }

    @AfterAll
    static void stop() {
        if (mongo != null) {
            mongo.stop();
        }
    }

    private static String url(String userInfo) {
        return "mongodb://" + userInfo + mongo.getHost() + ":" + mongo.getMappedPort(27017) + OPTIONS;
    }

    @Test
    void theRightCredentialsInTheUrlWriteAndReadBack() {
        DataFrame frame = DataFrame.builder().datetimeIndex(new long[] {0L, 86_400_000_000_000L})
                .column("price", new double[] {1.5, 2.5}).build();
        try (Arctic arctic = Arctic.connect(url(USER + ":" + PASSWORD + "@"))) {
            arctic.initializeLibrary("auth_lib");
            VersionStore lib = arctic.getLibrary("auth_lib");
            assertThat(lib.write("S", frame).version()).isEqualTo(1);
            assertThat(lib.read("S").data()).isEqualTo(frame);
        }
    }

    @Test
    void aWrongPasswordIsATypedErrorThatDoesNotRepeatIt() {
        String wrong = "not-" + PASSWORD;
        try (Arctic arctic = Arctic.connect(url(USER + ":" + wrong + "@"))) {
            assertThatThrownBy(() -> arctic.initializeLibrary("auth_lib_wrong"))
                    .isInstanceOfAny(ArcticException.class, MongoException.class)
                    .satisfies(e -> assertThat(causeOf(e, MongoSecurityException.class)).isNotNull())
                    .satisfies(e -> assertThat(ThrowableText.ofChain(e)).doesNotContain(wrong));
        }
    }

    @Test
    void noCredentialsAreRefusedTyped() {
        try (Arctic arctic = Arctic.connect(url(""))) {
            assertThatThrownBy(() -> arctic.initializeLibrary("auth_lib_none"))
                    .isInstanceOfAny(ArcticException.class, MongoException.class)
                    .satisfies(e -> assertThat(causeOf(e, MongoCommandException.class).getErrorCode())
                            .as("Unauthorized").isEqualTo(13));
        }
    }

    /** The first of {@code error}'s chain that is a {@code type}: the store wraps the driver's exceptions. */
    private static <T extends Throwable> T causeOf(Throwable error, Class<T> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + ThrowableText.ofChain(error));
    }
}
