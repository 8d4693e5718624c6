/**
 * The Redis Streams transport: clients XADD requests onto partition streams, remote workers (module {@code worker})
 * run them and post results that clients wait for by blocking reads. Key layout and scripts follow docs/cluster.md and
 * docs/protocol.md §7. Also holds what the worker shares with the client: URL parsing, connections, Lua scripts,
 * request ids and stream-reply parsing.
 */
package io.github.arcticasync.internal.transport.redis;
