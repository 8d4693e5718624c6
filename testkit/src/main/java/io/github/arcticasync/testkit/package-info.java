/**
 * Test fixtures: real servers for integration tests, never mocks.
 *
 * <p>{@link io.github.arcticasync.testkit.MongoServers} gives a MongoDB (a Testcontainers container where Docker
 * answers, else the embedded wire-protocol server) and {@link io.github.arcticasync.testkit.RedisServers} a real
 * {@code redis-server} process. {@link io.github.arcticasync.testkit.WithMongo} and
 * {@link io.github.arcticasync.testkit.WithRedis} wire them into JUnit 5 classes, one server per class.
 * This module is used in test scope only.
 */
package io.github.arcticasync.testkit;
