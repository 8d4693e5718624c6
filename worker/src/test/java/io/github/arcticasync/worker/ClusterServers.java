package io.github.arcticasync.worker;

import io.github.arcticasync.asynchronous.LibraryRef;
import io.github.arcticasync.store.Arctic;
import io.github.arcticasync.testkit.MongoServer;
import io.github.arcticasync.testkit.MongoServers;
import io.github.arcticasync.testkit.RedisConfig;
import io.github.arcticasync.testkit.RedisServer;
import io.github.arcticasync.testkit.RedisServers;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * The servers a cluster IT runs on: a real {@code redis-server} process, the embedded MongoDB, and an {@link Arctic}
 * connected to it with the test's library initialised. A test may stop and start {@link #redis()} and
 * {@link #mongo()} to stage an outage; closing stops all three.
 */
record ClusterServers(RedisServer redis, MongoServer mongo, Arctic arctic) implements AutoCloseable {

    /** Starts the servers, Redis with its default config. */
    static ClusterServers start(LibraryRef library) {
        return start(RedisConfig.DEFAULT, library);
    }

    /** Starts the servers, Redis with {@code redisConfig}. */
    static ClusterServers start(RedisConfig redisConfig, LibraryRef library) {
        RedisServer redis = null;
        MongoServer mongo = null;
        Arctic arctic = null;
        try {
            redis = RedisServers.start(redisConfig);
            mongo = MongoServers.embedded();
            arctic = Arctic.connect(mongo.connectionString());
            arctic.initializeLibrary(library.name());
            return new ClusterServers(redis, mongo, arctic);
        } catch (RuntimeException e) {
            // No one gets a half-started fixture to close, so the servers already running are stopped here.
            ClusterFixtures.closeAll(arctic, mongo, redis);
            throw e;
        }
    }

    String redisUrl() {
        return redis.uri();
    }

    String mongoUrl() {
        return mongo.connectionString();
    }

    /** A new plain Redis client, to look at or stage what the cluster keeps in Redis; the caller closes it. */
    Jedis newJedis() {
        return new Jedis(new HostAndPort(redis.host(), redis.port()));
    }

    /** The Arctic before the MongoDB it is a client of; each even if another fails, so no process outlives the IT. */
    @Override
    public void close() {
        ClusterFixtures.closeAll(arctic, mongo, redis);
    }
}
