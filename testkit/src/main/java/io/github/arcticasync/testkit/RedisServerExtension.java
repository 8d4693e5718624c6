package io.github.arcticasync.testkit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A JUnit 5 extension that starts one {@code redis-server} per test class, configured by {@link WithRedis}, and
 * resolves {@link RedisServer} parameters.
 */
public final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(RedisServerExtension.class);
    private static final String SERVER = "server";
    private static final String OWNER = "owner";

    @Override
    public void beforeAll(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        if (store.get(SERVER, RedisServer.class) == null) {
            store.put(SERVER, RedisServers.start(config(context.getRequiredTestClass())));
            store.put(OWNER, context.getUniqueId());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        if (context.getUniqueId().equals(store.get(OWNER, String.class))) {
            RedisServer server = store.remove(SERVER, RedisServer.class);
            if (server != null) {
                server.close();
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == RedisServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        RedisServer server = extensionContext.getStore(NAMESPACE).get(SERVER, RedisServer.class);
        if (server == null) {
            throw new ParameterResolutionException("No redis-server: register RedisServerExtension on the class "
                    + "(for example with @WithRedis)");
        }
        return server;
    }

    private static RedisConfig config(Class<?> testClass) {
        return AnnotationSupport.findAnnotation(testClass, WithRedis.class)
                .map(redis -> RedisConfig.builder()
                        .appendOnly(redis.appendOnly())
                        .password(redis.password().isEmpty() ? null : redis.password())
                        .build())
                .orElse(RedisConfig.DEFAULT);
    }
}
