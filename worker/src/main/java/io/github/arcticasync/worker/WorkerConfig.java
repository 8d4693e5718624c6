package io.github.arcticasync.worker;

import io.github.arcticasync.internal.cluster.Keys;
import io.github.arcticasync.internal.transport.Counts;
import io.github.arcticasync.internal.transport.Durations;
import io.github.arcticasync.internal.transport.SafeUrls;
import io.github.arcticasync.internal.transport.redis.RedisUrl;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * How a {@link Worker} runs: where Redis and MongoDB are, its namespace and id, and its times and limits.
 *
 * @param redisUrl          the Redis URL ({@code redis://}, {@code rediss://}, with optional user/password/db)
 * @param mongoUrl          the MongoDB the worker resolves libraries against; null when a resolver is given in code
 * @param namespace         the pool's namespace
 * @param workerId          this worker's id (its consumer name); unique per process
 * @param maxThreads        the most requests it runs at once, whatever it is allotted
 * @param heartbeatInterval how often it renews its lease and reads its assignment
 * @param maxDeliveries     deliveries after which a request that never completed goes to the dead-letter stream
 * @param resultTtl         how long results stay readable
 * @param drainTimeout      how long a drain waits for in-flight requests before releasing anyway
 */
public record WorkerConfig(String redisUrl, String mongoUrl, String namespace, String workerId, int maxThreads,
                           Duration heartbeatInterval, int maxDeliveries, Duration resultTtl, Duration drainTimeout) {
    /** Same default as the coordinator's heartbeat (docs/cluster.md, "Times"). */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(1);
    /** The lease is this many heartbeats. */
    public static final int LEASE_HEARTBEATS = 3;
    public static final Duration MIN_HEARTBEAT_INTERVAL = Duration.ofMillis(50);
    public static final int DEFAULT_MAX_THREADS = 16;
    public static final int DEFAULT_MAX_DELIVERIES = 5;
    public static final Duration DEFAULT_RESULT_TTL = Duration.ofHours(1);
    public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofMinutes(5);
    public static final String DEFAULT_NAMESPACE = "default";

    public WorkerConfig {
        RedisUrl.parse(Objects.requireNonNull(redisUrl, "redisUrl must not be null"));
        Keys.requireNamespace(namespace);
        Keys.requireWorkerId(workerId);
        if (maxThreads < 1 || maxThreads > 4096) {
            throw new IllegalArgumentException("maxThreads must be 1-4096, was " + maxThreads);
        }
        Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
        if (heartbeatInterval.compareTo(MIN_HEARTBEAT_INTERVAL) < 0) {
            throw new IllegalArgumentException("heartbeatInterval must be at least " + MIN_HEARTBEAT_INTERVAL
                    + ", was " + heartbeatInterval);
        }
        Counts.requirePositive(maxDeliveries, "maxDeliveries");
        Durations.requirePositive(resultTtl, "resultTtl");
        Durations.requirePositive(drainTimeout, "drainTimeout");
    }

    /** The lease: {@link #LEASE_HEARTBEATS} heartbeats. */
    public Duration lease() {
        return heartbeatInterval.multipliedBy(LEASE_HEARTBEATS);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() {
        return "WorkerConfig[redisUrl=" + SafeUrls.mask(redisUrl) + ", mongoUrl=" + SafeUrls.mask(mongoUrl)
                + ", namespace=" + namespace + ", workerId=" + workerId + ", maxThreads=" + maxThreads
                + ", heartbeatInterval=" + heartbeatInterval + ", maxDeliveries=" + maxDeliveries + ", resultTtl="
                + resultTtl + ", drainTimeout=" + drainTimeout + "]";
    }

    /** A worker id unique to this process: {@code <host>-<pid>-<random>}. */
    public static String defaultWorkerId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "host";
        }
        host = host.replaceAll("[^A-Za-z0-9_.@-]", "_");
        if (host.length() > 64) {
            host = host.substring(0, 64);
        }
        return host + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Builds a {@link WorkerConfig}; {@link #build()} validates. */
    public static final class Builder {
        private String redisUrl;
        private String mongoUrl;
        private String namespace = DEFAULT_NAMESPACE;
        private String workerId;
        private int maxThreads = DEFAULT_MAX_THREADS;
        private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
        private int maxDeliveries = DEFAULT_MAX_DELIVERIES;
        private Duration resultTtl = DEFAULT_RESULT_TTL;
        private Duration drainTimeout = DEFAULT_DRAIN_TIMEOUT;

        private Builder() {
        }

        public Builder redisUrl(String redisUrl) {
            this.redisUrl = redisUrl;
            return this;
        }

        public Builder mongoUrl(String mongoUrl) {
            this.mongoUrl = mongoUrl;
            return this;
        }

        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        public Builder workerId(String workerId) {
            this.workerId = workerId;
            return this;
        }

        public Builder maxThreads(int maxThreads) {
            this.maxThreads = maxThreads;
            return this;
        }

        public Builder heartbeatInterval(Duration heartbeatInterval) {
            this.heartbeatInterval = heartbeatInterval;
            return this;
        }

        public Builder maxDeliveries(int maxDeliveries) {
            this.maxDeliveries = maxDeliveries;
            return this;
        }

        public Builder resultTtl(Duration resultTtl) {
            this.resultTtl = resultTtl;
            return this;
        }

        public Builder drainTimeout(Duration drainTimeout) {
            this.drainTimeout = drainTimeout;
            return this;
        }

        public WorkerConfig build() {
            return new WorkerConfig(redisUrl, mongoUrl, namespace, workerId != null ? workerId : defaultWorkerId(),
                    maxThreads, heartbeatInterval, maxDeliveries, resultTtl, drainTimeout);
        }
    }
}
