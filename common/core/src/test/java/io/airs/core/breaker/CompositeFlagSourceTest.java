package io.airs.core.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CompositeFlagSourceTest {

    static final Instant T = Instant.parse("2025-03-01T10:00:00Z");
    static final Scope CHAT = Scope.endpoint("chat");

    static FlagSnapshot snap(Scope s, boolean open, String reason) {
        return new FlagSnapshot(Map.of(s, new Flag(open, reason, T)));
    }

    @Test
    void aScopeIsCutWhenAnySourceHasItOpen() {
        var c = new CompositeFlagSource(() -> snap(CHAT, false, "human: fine"), () -> snap(CHAT, true, "block_rate"));

        assertThat(c.read().flags().get(CHAT)).isEqualTo(new Flag(true, "block_rate", T));
    }

    @Test
    void theFirstOpenFlagWinsSoTheHumanNoteIsShown() {
        var c = new CompositeFlagSource(() -> snap(CHAT, true, "incident 42"), () -> snap(CHAT, true, "block_rate"));

        assertThat(c.read().flags().get(CHAT).reason()).isEqualTo("incident 42");
    }

    @Test
    void unionsScopesOfAllSources() {
        var c = new CompositeFlagSource(
                List.of(() -> snap(CHAT, true, "a"), () -> snap(Scope.agent("x"), true, "b"), FlagSnapshot::empty));

        assertThat(c.read().flags()).containsOnlyKeys(CHAT, Scope.agent("x"));
    }

    @Test
    void needsAtLeastOneSource() {
        assertThatThrownBy(() -> new CompositeFlagSource(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
