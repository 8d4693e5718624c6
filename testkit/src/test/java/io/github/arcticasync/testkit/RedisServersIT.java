package io.github.arcticasync.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/** The redis-server fixture: a real process, spoken to over raw RESP. */
class RedisServersIT {

    @Test
    void answersPingAndStopsByPidClosingThePort() throws IOException {
        try (RedisServer redis = RedisServers.start()) {
            long pid = redis.pid();
            assertThat(ProcessHandle.of(pid)).isPresent();
            try (Resp resp = Resp.connect(redis.host(), redis.port(), 2_000)) {
                assertThat(resp.command("PING")).isEqualTo("PONG");
                assertThat(resp.command("SET", "k", "v")).isEqualTo("OK");
                assertThat(resp.command("GET", "k")).isEqualTo("v");
            }

            redis.stop();

            assertThat(redis.isRunning()).isFalse();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(portAccepts(redis.port())).isFalse();
        }
    }

    @Test
    void appendOnlyServerKeepsAKeyAcrossRestartOnTheSamePort() throws IOException {
        try (RedisServer redis = RedisServers.start(RedisConfig.builder().appendOnly(true).build())) {
            int port = redis.port();
            long firstPid = redis.pid();
            assertThat(redis.command("SET", "survivor", "42")).isEqualTo("OK");
            assertThat(redis.command("RPUSH", "list", "a", "b")).isEqualTo(2L);

            redis.restart();

            assertThat(redis.port()).isEqualTo(port);
            assertThat(redis.pid()).isNotEqualTo(firstPid);
            assertThat(redis.command("GET", "survivor")).isEqualTo("42");
            assertThat(redis.command("LRANGE", "list", "0", "-1")).isEqualTo(java.util.List.of("a", "b"));
        }
    }

    @Test
    void appendOnlyServerKeepsAcknowledgedWritesAfterAKill() throws IOException {
        try (RedisServer redis = RedisServers.start(RedisConfig.builder().appendOnly(true).build())) {
            assertThat(redis.command("INCR", "counter")).isEqualTo(1L);
            redis.kill();
            redis.start();
            assertThat(redis.command("GET", "counter")).isEqualTo("1");
        }
    }

    @Test
    void withoutAppendOnlyARestartLosesTheData() throws IOException {
        try (RedisServer redis = RedisServers.start()) {
            redis.command("SET", "gone", "1");
            redis.restart();
            assertThat(redis.command("GET", "gone")).isNull();
        }
    }

    @Test
    void overItsMemoryLimitItRefusesWritesUntilItHasRoomAgain() throws IOException {
        try (RedisServer redis = RedisServers.start()) {
            redis.command("SET", "before", "1");
            redis.overMemoryLimit();
            assertThat(redis.command("SET", "while-full", "1")).isInstanceOf(Resp.Error.class).asString()
                    .contains("OOM");
            assertThat(redis.command("GET", "before")).isEqualTo("1");
            redis.command("CONFIG", "SET", "maxmemory", "0");
            assertThat(redis.command("SET", "after", "1")).isEqualTo("OK");
        }
    }

    @Test
    void passwordIsRequiredAndUsedByConnect() throws IOException {
        try (RedisServer redis = RedisServers.start(RedisConfig.builder().password("s3cret").build())) {
            try (Resp anonymous = Resp.connect(redis.host(), redis.port(), 2_000)) {
                assertThat(anonymous.command("GET", "x")).isInstanceOf(Resp.Error.class)
                        .asString().contains("NOAUTH");
            }
            assertThat(redis.command("PING")).isEqualTo("PONG");
            assertThat(redis.uri()).isEqualTo("redis://:s3cret@127.0.0.1:" + redis.port());
        }
    }

    @Test
    void aclUserCanAuthenticateByName() throws IOException {
        RedisConfig config = RedisConfig.builder().password("admin").aclUser("arctic", "pw1").build();
        try (RedisServer redis = RedisServers.start(config)) {
            assertThat(redis.command("ACL", "WHOAMI")).isEqualTo("arctic");
            try (Resp resp = Resp.connect(redis.host(), redis.port(), 2_000)) {
                assertThat(resp.command("AUTH", "arctic", "wrong")).isInstanceOf(Resp.Error.class);
            }
        }
    }

    @Test
    void closeDeletesTheDataDirectory() {
        RedisServer redis = RedisServers.start(RedisConfig.builder().appendOnly(true).build());
        java.nio.file.Path dir = redis.dataDir();
        assertThat(dir).isDirectory();
        redis.close();
        assertThat(dir).doesNotExist();
        assertThatThrownBy(redis::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    @Test
    void badConfigIsRejectedWithTheProblem() {
        assertThatThrownBy(() -> RedisConfig.builder().aclUser("u", null).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("aclPassword");
        assertThatThrownBy(() -> RedisConfig.builder().password("").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("password");
    }

    private static boolean portAccepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(RedisServer.HOST, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
