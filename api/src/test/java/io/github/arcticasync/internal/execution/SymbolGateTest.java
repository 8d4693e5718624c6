package io.github.arcticasync.internal.execution;

import org.junit.jupiter.api.Test;

import static io.github.arcticasync.asynchronous.RequestKind.ACCESSOR;
import static io.github.arcticasync.asynchronous.RequestKind.MODIFIER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SymbolGateTest {
    private static final SymbolKey X = new SymbolKey("lib", "X");
    private static final SymbolKey Y = new SymbolKey("lib", "Y");

    private final SymbolGate<String> gate = new SymbolGate<>();

    @Test
    void accessorsShareASymbol() {
        assertThat(gate.enter(X, ACCESSOR, "a1")).isTrue();
        assertThat(gate.enter(X, ACCESSOR, "a2")).isTrue();
        assertThat(gate.admitted()).isEqualTo(2);
    }

    @Test
    void aModifierRunsAloneOnItsSymbol() {
        assertThat(gate.enter(X, MODIFIER, "m1")).isTrue();
        assertThat(gate.enter(X, ACCESSOR, "a1")).isFalse();
        assertThat(gate.enter(X, MODIFIER, "m2")).isFalse();
        assertThat(gate.leave(X, MODIFIER)).containsExactly("a1");
        assertThat(gate.leave(X, ACCESSOR)).containsExactly("m2");
    }

    @Test
    void aModifierWaitsForRunningAccessors() {
        gate.enter(X, ACCESSOR, "a1");
        gate.enter(X, ACCESSOR, "a2");
        assertThat(gate.enter(X, MODIFIER, "m")).isFalse();
        assertThat(gate.leave(X, ACCESSOR)).isEmpty();
        assertThat(gate.leave(X, ACCESSOR)).containsExactly("m");
    }

    @Test
    void aNewAccessorDoesNotOvertakeAQueuedModifier() {
        gate.enter(X, ACCESSOR, "a1");
        assertThat(gate.enter(X, MODIFIER, "m")).isFalse();
        assertThat(gate.enter(X, ACCESSOR, "a2")).as("a2 is compatible with a1 but queued behind m").isFalse();
        assertThat(gate.leave(X, ACCESSOR)).containsExactly("m");
        assertThat(gate.leave(X, MODIFIER)).containsExactly("a2");
    }

    @Test
    void everyEligibleRequestIsReleasedAtOnceInQueueOrder() {
        gate.enter(X, MODIFIER, "m1");
        gate.enter(X, ACCESSOR, "a1");
        gate.enter(X, ACCESSOR, "a2");
        gate.enter(X, ACCESSOR, "a3");
        gate.enter(X, MODIFIER, "m2");
        gate.enter(X, ACCESSOR, "a4");
        assertThat(gate.leave(X, MODIFIER)).containsExactly("a1", "a2", "a3");
        assertThat(gate.queued()).isEqualTo(2);
    }

    @Test
    void symbolsAreIndependent() {
        gate.enter(X, MODIFIER, "mx");
        assertThat(gate.enter(Y, MODIFIER, "my")).isTrue();
        assertThat(gate.enter(new SymbolKey("other", "X"), MODIFIER, "mo")).isTrue();
        assertThat(gate.enter(new SymbolKey("lib", null), MODIFIER, "snapshot")).isTrue();
    }

    @Test
    void anIdleKeyIsForgotten() {
        gate.enter(X, MODIFIER, "m");
        gate.leave(X, MODIFIER);
        assertThat(gate.admitted()).isZero();
        assertThat(gate.queued()).isZero();
        assertThat(gate.enter(X, MODIFIER, "m2")).isTrue();
    }

    @Test
    void leavingWhatDoesNotRunIsAnError() {
        assertThatThrownBy(() -> gate.leave(X, MODIFIER)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("lib/X");
        gate.enter(X, ACCESSOR, "a");
        assertThatThrownBy(() -> gate.leave(X, MODIFIER)).isInstanceOf(IllegalStateException.class);
    }
}
