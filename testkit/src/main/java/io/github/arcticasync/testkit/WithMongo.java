package io.github.arcticasync.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class one MongoDB server for all its tests, through {@link MongoServerExtension}.
 *
 * <p>Test methods and constructors may then take a {@link MongoServer}, a {@code com.mongodb.client.MongoClient}
 * (one per class, closed after the class) or a {@code com.mongodb.ConnectionString}. One contract, many backends:
 *
 * <pre>{@code
 * @WithMongo
 * abstract class StoreContract { @Test void roundTrip(MongoClient client) { ... } }
 *
 * @WithMongo(MongoBackend.EMBEDDED)  class StoreEmbeddedIT  extends StoreContract { }
 * @WithMongo(MongoBackend.CONTAINER) class StoreContainerIT extends StoreContract { } // skipped without Docker
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(MongoServerExtension.class)
public @interface WithMongo {

    /**
     * The backend; {@link MongoBackend#AUTO} (the default) defers to the system property
     * {@value MongoBackend#PROPERTY}, then to Docker's presence.
     */
    MongoBackend value() default MongoBackend.AUTO;
}
