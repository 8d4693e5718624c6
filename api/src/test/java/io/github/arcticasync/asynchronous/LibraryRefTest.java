package io.github.arcticasync.asynchronous;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LibraryRefTest {
    @Test
    void everySpellingArcticAcceptsBecomesTheCanonicalName() {
        assertThat(LibraryRef.of("jdoe.prices").name()).isEqualTo("arctic_jdoe.prices");
        assertThat(LibraryRef.of("arctic_jdoe.prices").name()).isEqualTo("arctic_jdoe.prices");
        assertThat(LibraryRef.of("prices").name()).isEqualTo("arctic.prices");
        assertThat(LibraryRef.of("arctic.prices").name()).isEqualTo("arctic.prices");
        assertThat(LibraryRef.of("jdoe.prices")).isEqualTo(LibraryRef.of("arctic_jdoe.prices"));
    }

    @Test
    void badNamesAreRefusedNamingTheProblem() {
        assertThatThrownBy(() -> LibraryRef.of(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("library name");
        assertThatThrownBy(() -> LibraryRef.of(" ")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("library name");
        assertThatThrownBy(() -> LibraryRef.of("a$b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a$b");
    }
}
