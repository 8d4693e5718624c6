package io.github.arcticasync.store;

import io.github.arcticasync.testkit.ThrowableText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Connection strings the driver refuses; nothing here reaches a server. */
class ArcticConnectTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "mongodb://app:1?topsecret@h:27017", // the driver names 'topsecret@h:27017' an invalid option
            "mongodb://app:1/top?secret@h",
    })
    void aRefusedUrlShowsNoPartOfThePasswordInTheMessageOrItsCauses(String url) {
        assertThatThrownBy(() -> Arctic.connect(url)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid MongoDB connection string")
                .satisfies(e -> assertThat(ThrowableText.ofChain(e)).doesNotContain("secret"));
    }

    @Test
    void theDriversDiagnosisStaysWhenItQuotesNoSecretPart() {
        assertThatThrownBy(() -> Arctic.connect("mongodb://app:pw@h:notaport"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("mongoUrl is not a valid MongoDB connection string: ")
                .hasMessageContaining("port contains non-digit characters");
        assertThat(Arctic.quotesSecretPart("invalid option 'topsecret@h'", "mongodb://app:1?topsecret@h")).isTrue();
        assertThat(Arctic.quotesSecretPart("must be urlencoded", "mongodb://app:p@ss@h")).isFalse();
        assertThat(Arctic.quotesSecretPart(null, "mongodb://h")).isTrue();
    }
}
