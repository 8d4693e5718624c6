package io.github.arcticasync.internal.transport.redis;

import io.github.arcticasync.testkit.ThrowableText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import redis.clients.jedis.JedisClientConfig;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parsing of the Redis URL forms the transport accepts, the errors for bad ones, and password masking. */
class RedisUrlTest {

    @Test
    void tlsConnectionsVerifyTheServersHostNameAndPlainOnesDoNotUseTls() {
        var tls = RedisUrl.parse("rediss://127.0.0.1:6380").clientConfig("c", java.time.Duration.ofSeconds(1));
        assertThat(tls.isSsl()).isTrue();
        assertThat(tls.getSslParameters().getEndpointIdentificationAlgorithm()).isEqualTo("HTTPS");
        var plain = RedisUrl.parse("redis://127.0.0.1:6379").clientConfig("c", java.time.Duration.ofSeconds(1));
        assertThat(plain.isSsl()).isFalse();
    }

    @Test
    void plainUrlHasDefaults() {
        RedisUrl url = RedisUrl.parse("redis://cache.example");
        assertThat(url).isEqualTo(new RedisUrl(false, "cache.example", RedisUrl.DEFAULT_PORT, null, null, 0));
        assertThat(url.hostAndPort().getPort()).isEqualTo(6379);
        assertThat(url.toString()).isEqualTo("redis://cache.example:6379");
    }

    @Test
    void redissMeansTls() {
        RedisUrl url = RedisUrl.parse("rediss://cache.example:6380");
        assertThat(url.tls()).isTrue();
        assertThat(url.port()).isEqualTo(6380);
        JedisClientConfig config = url.clientConfig("me", Duration.ofSeconds(2));
        assertThat(config.isSsl()).isTrue();
        assertThat(config.getClientName()).isEqualTo("me");
        assertThat(config.getConnectionTimeoutMillis()).isEqualTo(2000);
        assertThat(RedisUrl.parse("REDISS://h").tls()).isTrue();
    }

    @Test
    void aclUserPasswordAndDatabase() {
        RedisUrl url = RedisUrl.parse("redis://app:s%40cret%3A1@10.0.0.7:7000/3");
        assertThat(url.user()).isEqualTo("app");
        assertThat(url.password()).isEqualTo("s@cret:1");
        assertThat(url.host()).isEqualTo("10.0.0.7");
        assertThat(url.port()).isEqualTo(7000);
        assertThat(url.database()).isEqualTo(3);
        JedisClientConfig config = url.clientConfig(null, RedisUrl.DEFAULT_TIMEOUT);
        assertThat(config.getUser()).isEqualTo("app");
        assertThat(config.getPassword()).isEqualTo("s@cret:1");
        assertThat(config.getDatabase()).isEqualTo(3);
        assertThat(config.isSsl()).isFalse();
    }

    @Test
    void passwordOnlyForms() {
        RedisUrl colon = RedisUrl.parse("redis://:hunter2@h:1");
        assertThat(colon.user()).isNull();
        assertThat(colon.password()).isEqualTo("hunter2");
        RedisUrl bare = RedisUrl.parse("redis://hunter2@h:1");
        assertThat(bare.user()).isNull();
        assertThat(bare.password()).isEqualTo("hunter2");
        JedisClientConfig config = colon.clientConfig(null, RedisUrl.DEFAULT_TIMEOUT);
        assertThat(config.getUser()).isNull();
        assertThat(config.getPassword()).isEqualTo("hunter2");
    }

    @Test
    void aPlusInAPasswordStaysAPlusAndPercentEscapesAreDecoded() {
        assertThat(RedisUrl.parse("redis://:a+b=@h:1").password()).isEqualTo("a+b=");
        assertThat(RedisUrl.parse("redis://app:a%2Bb%20c%40d@h:1").password()).isEqualTo("a+b c@d");
        assertThat(RedisUrl.parse("redis://app+1:pw@h:1").user()).isEqualTo("app+1");
    }

    @Test
    void toStringNeverShowsThePassword() {
        assertThat(RedisUrl.parse("redis://app:topsecret@h:1/2").toString()).isEqualTo("redis://app:****@h:1/2")
                .doesNotContain("topsecret");
        assertThat(RedisUrl.parse("redis://:topsecret@h:1").toString()).isEqualTo("redis://:****@h:1");
    }

    @Test
    void aPasswordWithAnUnescapedAtSignIsMaskedWhole() {
        assertThatThrownBy(() -> RedisUrl.parse("rediss://app:top@secret@h:1"))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("top").doesNotContain("secret"));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', value = {
            "http://h:6379        | redis:// or rediss://",
            "h:6379               | redis:// or rediss://",
            "''                   | redis:// or rediss://",
            "redis://             | malformed redis URL redis://: Expected authority",
            "redis:///3           | host",
            "redis://h:99999      | port must be 1-65535",
            "redis://h/db1        | database must be a number",
            "redis://h/-1         | database must not be negative",
            "redis://app:@h       | user 'app' but no password",
            "redis://h:6379/0 x   | malformed",
    })
    void badUrlsNameTheProblem(String url, String problem) {
        assertThatThrownBy(() -> RedisUrl.parse(url)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(problem);
    }

    @Test
    void aMalformedUrlDoesNotCarryThePasswordInItsCause() {
        assertThatThrownBy(() -> RedisUrl.parse("redis://app:topsecret@h:1/0 x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed")
                .satisfies(e -> assertThat(ThrowableText.ofChain(e)).doesNotContain("topsecret"));
    }

    @Test
    void aPasswordWithAnUnescapedSlashAfterDigitsDoesNotShowAsTheDatabase() {
        // java.net.URI reads app:1234 as host and port, and "/secret@h:1" as the path.
        assertThatThrownBy(() -> RedisUrl.parse("redis://app:1234/secret@h:1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("database must be a number")
                .satisfies(e -> assertThat(ThrowableText.ofChain(e)).doesNotContain("secret"));
    }

    @Test
    void nullIsRefusedByName() {
        assertThatThrownBy(() -> RedisUrl.parse(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("redis URL");
    }

    @Test
    void theRecordValidatesDirectConstructionToo() {
        assertThatThrownBy(() -> new RedisUrl(false, " ", 1, null, null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("host");
        assertThatThrownBy(() -> new RedisUrl(false, "h", 0, null, null, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("port");
        assertThatThrownBy(() -> new RedisUrl(false, "h", 1, null, null, -2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("database");
    }
}
