package io.github.arcticasync.internal.transport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SafeUrlsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "redis://app:topsecret@h:1/2                     | redis://app:****@h:1/2",
            "redis://:topsecret@h:1                          | redis://:****@h:1",
            "redis://topsecret@h:1                           | redis://****@h:1",
            "rediss://default:topsecret@h:6380               | rediss://default:****@h:6380",
            "redis://app:top@secret@h:1                      | redis://app:****@h:1",
            "mongodb://app:top/secret@h:27017/db             | mongodb://app:****@h:27017/db",
            "mongodb://app:top?secret@h:27017                | mongodb://app:****@h:27017",
            "mongodb://app:topsecret@h1:1,h2:2/db?replicaSet=rs&authSource=admin"
                    + " | mongodb://app:****@h1:1,h2:2/db?replicaSet=rs&authSource=admin",
            "mongodb://h:1/?tls=true&tlsCertificateKeyFilePassword=topsecret&w=1"
                    + " | mongodb://h:1/?tls=true&tlsCertificateKeyFilePassword=****&w=1",
            "app:topsecret@h:1                               | app:****@h:1",
            "redis://h:1                                     | redis://h:1",
            "mongodb://h1:1,h2:2/db?appName=batch            | mongodb://h1:1,h2:2/db?appName=batch",
            "mongodb://h:1/?w=1;tlsCertificateKeyFilePassword=topsecret;tls=true"
                    + " | mongodb://h:1/?w=1;tlsCertificateKeyFilePassword=****;tls=true",
            "mongodb://h:1/?authMechanism=MONGODB-AWS&authMechanismProperties=AWS_SESSION_TOKEN:topsecret"
                    + " | mongodb://h:1/?authMechanism=MONGODB-AWS&authMechanismProperties=AWS_SESSION_TOKEN:****",
            "mongodb://db1:27017/?appName=batch@prod         | mongodb://db1:27017/?appName=batch@prod",
            "redis://:topsecret@[::1]:6379/2                 | redis://:****@[::1]:6379/2",
    })
    void thePasswordIsHiddenAndTheRestShown(String url, String shown) {
        assertThat(SafeUrls.mask(url)).isEqualTo(shown).doesNotContain("topsecret").doesNotContain("secret@");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "redis://app:top@secret@h:1",
            "redis://:top/secret@h:1",
            "redis://:top?secret@h:1/0",
            "mongodb://app:top@sec/ret@h/db?appName=x@y",
    })
    void noPartOfAPasswordWithSeparatorsInItShows(String url) {
        assertThat(SafeUrls.mask(url)).doesNotContain("top").doesNotContain("secret").doesNotContain("sec");
    }

    @Test
    void nullStaysNull() {
        assertThat(SafeUrls.mask(null)).isNull();
    }
}
