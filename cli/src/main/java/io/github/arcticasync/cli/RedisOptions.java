package io.github.arcticasync.cli;

import io.github.arcticasync.internal.cluster.Keys;
import io.github.arcticasync.internal.transport.SafeUrls;
import io.github.arcticasync.internal.transport.redis.RedisUrl;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code --redis} and {@code --namespace} options shared by the cluster commands, with their environment
 * fallbacks ({@code ARCTIC_ASYNC_REDIS_URL}, {@code ARCTIC_ASYNC_NAMESPACE}) so a container needs only its environment.
 */
final class RedisOptions {

    /** The namespace when neither the option nor the environment names one (the transport's default). */
    static final String DEFAULT_NAMESPACE = "default";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--redis", paramLabel = "URL", defaultValue = "${env:ARCTIC_ASYNC_REDIS_URL}",
            description = "Redis of the cluster: redis://[user:password@]host:port[/db] or rediss://... (TLS); default"
                    + " $ARCTIC_ASYNC_REDIS_URL.")
    private String redis;

    @Option(names = "--namespace", paramLabel = "NS", defaultValue = "${env:ARCTIC_ASYNC_NAMESPACE}",
            description = "The pool's namespace (default $ARCTIC_ASYNC_NAMESPACE, else 'default').")
    private String namespace;

    /** The checked Redis URL; missing or malformed is bad usage. */
    String redisUrl() {
        if (redis == null || redis.isBlank()) {
            throw new ParameterException(spec.commandLine(),
                    "--redis URL is required (or set ARCTIC_ASYNC_REDIS_URL)");
        }
        try {
            RedisUrl.parse(redis.trim());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--redis: " + e.getMessage());
        }
        return redis.trim();
    }

    /** The checked namespace. */
    String namespace() {
        String ns = namespace == null || namespace.isBlank() ? DEFAULT_NAMESPACE : namespace.trim();
        try {
            return Keys.requireNamespace(ns);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--namespace: " + e.getMessage());
        }
    }

    /** The Redis URL for printing: the password masked. */
    String maskedRedisUrl() {
        return SafeUrls.mask(redisUrl());
    }
}
