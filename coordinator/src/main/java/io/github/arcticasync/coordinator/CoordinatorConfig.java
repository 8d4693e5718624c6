package io.github.arcticasync.coordinator;

import io.github.arcticasync.internal.cluster.Keys;
import io.github.arcticasync.internal.cluster.PoolRecord;
import io.github.arcticasync.internal.transport.SafeUrls;
import io.github.arcticasync.internal.transport.redis.RedisUrl;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * How a {@link Coordinator} runs: which Redis and namespace, its own id, the values it creates a missing pool with,
 * and its heartbeat interval (from which every other time is derived).
 *
 * @param redisUrl          {@code redis://[user:password@]host:port[/db]} or {@code rediss://...} for TLS
 * @param namespace         the pool's namespace (see {@link Keys})
 * @param coordinatorId     this coordinator's id, unique in the namespace
 * @param partitions        the partition count a new pool is created with (an existing pool keeps its own)
 * @param initialPoolSize   the pool size a new pool is created with
 * @param heartbeatInterval how often the coordinator looks at the cluster; the leader lease is 3 × this
 */
public record CoordinatorConfig(String redisUrl, String namespace, String coordinatorId, int partitions,
                                int initialPoolSize, Duration heartbeatInterval) {

    /** Namespace used when none is given. */
    public static final String DEFAULT_NAMESPACE = "default";
    /** How often the coordinator reconciles; workers use the same default for their heartbeat. */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(1);
    /** A lease (leader or worker) lasts this many heartbeats, so two missed renewals are survived. */
    public static final int LEASE_HEARTBEATS = 3;
    /** Shortest heartbeat accepted; below it Redis round trips dominate. */
    public static final Duration MIN_HEARTBEAT_INTERVAL = Duration.ofMillis(50);

    /** Validates every field. */
    public CoordinatorConfig {
        requireRedisUrl(redisUrl);
        Keys.requireNamespace(namespace);
        Keys.requireWorkerId(coordinatorId);
        Keys.requirePartitionCount(partitions);
        PoolRecord.requireSize(initialPoolSize);
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        if (heartbeatInterval.compareTo(MIN_HEARTBEAT_INTERVAL) < 0) {
            throw new IllegalArgumentException(
                    "heartbeatInterval must be at least " + MIN_HEARTBEAT_INTERVAL.toMillis() + " ms, got " + heartbeatInterval);
        }
    }

    /** The leader lease: {@link #LEASE_HEARTBEATS} × the heartbeat interval. */
    public Duration leaseTime() {
        return heartbeatInterval.multipliedBy(LEASE_HEARTBEATS);
    }

    /** A builder with the defaults; only the Redis URL is required. */
    public static Builder builder() {
        return new Builder();
    }

    /** The Redis URL with any password replaced by {@code ****}, for logs. */
    public String maskedRedisUrl() {
        return SafeUrls.mask(redisUrl);
    }

    @Override
    public String toString() {
        return "CoordinatorConfig[redisUrl=" + maskedRedisUrl() + ", namespace=" + namespace
                + ", coordinatorId=" + coordinatorId + ", partitions=" + partitions
                + ", initialPoolSize=" + initialPoolSize + ", heartbeatInterval=" + heartbeatInterval + "]";
    }

    private static void requireRedisUrl(String redisUrl) {
        if (redisUrl == null) {
            throw new IllegalArgumentException("redisUrl must not be null");
        }
        RedisUrl.parse(redisUrl); // refuses a malformed URL, naming it masked
    }

    /** A builder of {@link CoordinatorConfig}. */
    public static final class Builder {
        private String redisUrl;
        private String namespace = DEFAULT_NAMESPACE;
        private String coordinatorId;
        private int partitions = Keys.DEFAULT_PARTITIONS;
        private int initialPoolSize = PoolRecord.DEFAULT_SIZE;
        private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;

        private Builder() {
        }

        /** Sets the Redis URL (required). */
        public Builder redisUrl(String redisUrl) {
            this.redisUrl = redisUrl;
            return this;
        }

        /** Sets the namespace (default {@link CoordinatorConfig#DEFAULT_NAMESPACE}). */
        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        /** Sets this coordinator's id (default {@code coordinator-<pid>-<random>}). */
        public Builder coordinatorId(String coordinatorId) {
            this.coordinatorId = coordinatorId;
            return this;
        }

        /** Sets the partition count a new pool is created with. */
        public Builder partitions(int partitions) {
            this.partitions = partitions;
            return this;
        }

        /** Sets the pool size a new pool is created with. */
        public Builder initialPoolSize(int initialPoolSize) {
            this.initialPoolSize = initialPoolSize;
            return this;
        }

        /** Sets the heartbeat interval. */
        public Builder heartbeatInterval(Duration heartbeatInterval) {
            this.heartbeatInterval = heartbeatInterval;
            return this;
        }

        /** Builds and validates the config. */
        public CoordinatorConfig build() {
            String id = coordinatorId != null ? coordinatorId
                    : "coordinator-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
            return new CoordinatorConfig(redisUrl, namespace, id, partitions, initialPoolSize, heartbeatInterval);
        }
    }
}
