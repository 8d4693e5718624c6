package io.github.arcticasync.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives a test class one {@code redis-server} process for all its tests, through {@link RedisServerExtension};
 * test methods and constructors may then take a {@link RedisServer}.
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(RedisServerExtension.class)
public @interface WithRedis {

    /** Turns on the append-only file, so data survives {@link RedisServer#restart()}. */
    boolean appendOnly() default false;

    /** The {@code requirepass} password; empty means none. */
    String password() default "";
}
