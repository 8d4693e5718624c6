package io.github.arcticasync.testkit;

import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A JUnit 5 extension that starts one MongoDB server per test class and resolves {@link MongoServer},
 * {@link MongoClient} and {@link ConnectionString} parameters.
 *
 * <p>The backend comes from {@link WithMongo} on the class, else from the system property
 * {@value MongoBackend#PROPERTY}. A class that asks for a container is disabled, with the reason, when no Docker
 * engine answers or when the property forces the embedded server.
 */
public final class MongoServerExtension
        implements ExecutionCondition, BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(MongoServerExtension.class);
    private static final String SERVER = "server";
    private static final String CLIENT = "client";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<Class<?>> testClass = context.getTestClass();
        if (testClass.isEmpty() || requested(testClass.get()) != MongoBackend.CONTAINER) {
            return ConditionEvaluationResult.enabled("no MongoDB container required");
        }
        String forced = System.getProperty(MongoBackend.PROPERTY);
        if (forced != null && !forced.isBlank() && MongoBackend.parse(forced) == MongoBackend.EMBEDDED) {
            return ConditionEvaluationResult.disabled(
                    "MongoDB container test disabled: -D" + MongoBackend.PROPERTY + "=embedded");
        }
        if (!Docker.isAvailable()) {
            return ConditionEvaluationResult.disabled(
                    "MongoDB container test disabled: no Docker engine answers (the embedded-server variant runs)");
        }
        return ConditionEvaluationResult.enabled("Docker engine answers");
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        MongoBackend requested = requested(context.getRequiredTestClass());
        MongoBackend backend = requested == MongoBackend.AUTO ? MongoBackend.fromSystemProperty() : requested;
        // A @Nested class sees its outer class's server through the store, so only start one where none exists.
        if (context.getStore(NAMESPACE).get(SERVER, MongoServer.class) == null) {
            context.getStore(NAMESPACE).put(SERVER, MongoServers.start(backend));
            context.getStore(NAMESPACE).put(CLIENT + "-owner", context.getUniqueId());
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        if (!context.getUniqueId().equals(store.get(CLIENT + "-owner", String.class))) {
            return;
        }
        MongoClient client = store.remove(CLIENT, MongoClient.class);
        MongoServer server = store.remove(SERVER, MongoServer.class);
        try {
            if (client != null) {
                client.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == MongoServer.class || type == MongoClient.class || type == ConnectionString.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        if (type == MongoServer.class) {
            return server(extensionContext);
        }
        if (type == ConnectionString.class) {
            return new ConnectionString(server(extensionContext).connectionString());
        }
        return client(extensionContext);
    }

    /** The server of the class that {@code context} belongs to; fails if the class has not started one. */
    public static MongoServer server(ExtensionContext context) {
        MongoServer server = context.getStore(NAMESPACE).get(SERVER, MongoServer.class);
        if (server == null) {
            throw new ParameterResolutionException("No MongoDB server: register MongoServerExtension on the class "
                    + "(for example with @WithMongo) so that it starts before the tests");
        }
        return server;
    }

    private static MongoClient client(ExtensionContext context) {
        MongoServer server = server(context);
        ExtensionContext owner = ownerOf(context);
        return owner.getStore(NAMESPACE).getOrComputeIfAbsent(CLIENT, key -> server.newClient(), MongoClient.class);
    }

    /** The class-level context that started the server, so the shared client lives and dies with it. */
    private static ExtensionContext ownerOf(ExtensionContext context) {
        String ownerId = context.getStore(NAMESPACE).get(CLIENT + "-owner", String.class);
        ExtensionContext current = context;
        while (current != null && !current.getUniqueId().equals(ownerId)) {
            current = current.getParent().orElse(null);
        }
        return current == null ? context : current;
    }

    private static MongoBackend requested(Class<?> testClass) {
        return AnnotationSupport.findAnnotation(testClass, WithMongo.class)
                .map(WithMongo::value)
                .orElse(MongoBackend.AUTO);
    }
}
