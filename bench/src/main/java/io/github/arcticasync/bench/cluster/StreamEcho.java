package io.github.arcticasync.bench.cluster;

import io.github.arcticasync.internal.transport.redis.StreamEntry;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.StreamEntryID;

import java.util.List;
import java.util.Map;

/**
 * The latency floor of this machine for any design like ours: a bare round trip through Redis Streams between two
 * JVMs, one thread on each side, no codec, no scripts, no hand-off. The echo process ({@link #main}) blocks on
 * {@value #REQUESTS} and answers each entry on {@value #REPLIES}; the harness ({@link Client}) XADDs a request and
 * blocks on the reply — the same two blocking reads a request of ours crosses (worker fetch, client notice).
 */
public final class StreamEcho {
    static final String REQUESTS = "bench:echo:req";
    static final String REPLIES = "bench:echo:rep";
    private static final Map<String, String> BODY = Map.of("v", "1");

    private StreamEcho() {
    }

    /** The echo process: {@code bench.redis.port} names the loopback Redis; runs until killed. */
    public static void main(String[] args) {
        int port = Integer.parseInt(System.getProperty("bench.redis.port"));
        try (Jedis jedis = new Jedis(new HostAndPort("127.0.0.1", port))) {
            String last = "$";
            while (true) {
                Object reply = jedis.sendBlockingCommand(Protocol.Command.XREAD, "BLOCK", "0", "STREAMS", REQUESTS,
                        last);
                List<StreamEntry> entries = StreamEntry.fromReadReply(reply);
                for (StreamEntry e : entries) {
                    jedis.xadd(REPLIES, StreamEntryID.NEW_ENTRY, BODY);
                    last = e.id();
                }
            }
        }
    }

    /** The harness side: one request in flight, on one connection. */
    static final class Client implements AutoCloseable {
        private final Jedis jedis;
        private String last = "0-0";

        Client(int port) {
            jedis = new Jedis(new HostAndPort("127.0.0.1", port));
            jedis.del(REPLIES);
        }

        /** One round trip through the echo process; true once its reply is read. */
        boolean roundTrip() {
            jedis.xadd(REQUESTS, StreamEntryID.NEW_ENTRY, BODY);
            List<StreamEntry> entries = StreamEntry.fromReadReply(jedis.sendBlockingCommand(Protocol.Command.XREAD,
                    "BLOCK", "10000", "STREAMS", REPLIES, last));
            if (entries.isEmpty()) {
                throw new IllegalStateException("the stream echo process did not answer within 10 s");
            }
            last = entries.get(entries.size() - 1).id();
            return true;
        }

        @Override
        public void close() {
            jedis.close();
        }
    }
}
