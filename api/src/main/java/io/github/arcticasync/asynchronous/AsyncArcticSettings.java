package io.github.arcticasync.asynchronous;

import io.github.arcticasync.internal.transport.Counts;
import io.github.arcticasync.internal.transport.SafeUrls;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * The configuration of {@link AsyncArctic#ASYNC_ARCTIC}, read once from {@code ARCTIC_ASYNC_*} system properties or,
 * when a property is unset, environment variables of the same name.
 *
 * @param redisUrl  {@value #REDIS_URL}: null = the local in-JVM pool
 * @param mongoUrl  {@value #MONGO_URL}: null = the embedded default
 * @param namespace {@value #NAMESPACE}: null = none
 * @param poolSize  {@value #POOL_SIZE}: default {@value #DEFAULT_POOL_SIZE}, ≥ 1
 */
record AsyncArcticSettings(String redisUrl, String mongoUrl, String namespace, int poolSize) {
    static final String REDIS_URL = "ARCTIC_ASYNC_REDIS_URL";
    static final String MONGO_URL = "ARCTIC_ASYNC_MONGO_URL";
    static final String NAMESPACE = "ARCTIC_ASYNC_NAMESPACE";
    static final String POOL_SIZE = "ARCTIC_ASYNC_POOL_SIZE";
    /** Arctic's default pool size ({@code ARCTIC_ASYNC_NWORKERS}). */
    static final int DEFAULT_POOL_SIZE = 4;
    private static final Pattern NAMESPACE_PATTERN = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    AsyncArcticSettings {
        checkPoolSize(poolSize, "poolSize");
        checkNamespace(namespace);
    }

    /** The settings of this process: system properties first, then the environment. */
    static AsyncArcticSettings fromEnvironment() {
        return from(System::getProperty, System::getenv);
    }

    /** The settings from {@code properties}, falling back to {@code environment} per name. */
    static AsyncArcticSettings from(UnaryOperator<String> properties, UnaryOperator<String> environment) {
        UnaryOperator<String> get = name -> {
            String v = properties.apply(name);
            if (v == null || v.isBlank()) {
                v = environment.apply(name);
            }
            return v == null || v.isBlank() ? null : v.trim();
        };
        String size = get.apply(POOL_SIZE);
        int poolSize = DEFAULT_POOL_SIZE;
        if (size != null) {
            try {
                poolSize = Integer.parseInt(size);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(POOL_SIZE + " must be an integer >= 1, was '" + size + "'");
            }
            checkPoolSize(poolSize, POOL_SIZE);
        }
        return new AsyncArcticSettings(get.apply(REDIS_URL), get.apply(MONGO_URL), get.apply(NAMESPACE), poolSize);
    }

    static void checkPoolSize(int poolSize, String name) {
        Counts.requirePositive(poolSize, name);
    }

    static void checkNamespace(String namespace) {
        if (namespace != null && !NAMESPACE_PATTERN.matcher(namespace).matches()) {
            throw new IllegalArgumentException("namespace must be 1-64 characters of letters, digits, '_', '.' or "
                    + "'-', was '" + namespace + "'");
        }
    }

    /** For the log line of {@link AsyncArctic#ASYNC_ARCTIC}'s start: the URLs without their passwords. */
    @Override
    public String toString() {
        return "AsyncArcticSettings[redisUrl=" + SafeUrls.mask(redisUrl) + ", mongoUrl=" + SafeUrls.mask(mongoUrl)
                + ", namespace=" + namespace + ", poolSize=" + poolSize + "]";
    }
}
