package io.airs.core.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScopeTest {

    @ParameterizedTest
    @ValueSource(strings = {"global", "endpoint:chat", "agent:ops-bot", "tool:upload", "agent:team/bot@v2"})
    void wireFormRoundTrips(String wire) {
        assertThat(Scope.parse(wire).wire()).isEqualTo(wire);
    }

    @Test
    void factoriesMatchParsing() {
        assertThat(Scope.parse("global")).isEqualTo(Scope.global());
        assertThat(Scope.parse("agent:ops-bot")).isEqualTo(Scope.agent("ops-bot"));
        assertThat(Scope.parse("endpoint:chat")).isEqualTo(Scope.endpoint("chat"));
        assertThat(Scope.parse("tool:upload")).isEqualTo(Scope.tool("upload"));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "''|empty scope",
                "agent|unknown scope 'agent'",
                "user:bob|unknown scope kind 'user'",
                "agent:|agent scope name is empty",
                "global:x|global scope takes no name",
                "agent:two words|may not contain white space",
                "tool:a:b|may not contain",
                "Agent:x|unknown scope kind 'Agent'"
            })
    void rejectsBadInputWithAClearMessage(String wire, String message) {
        assertThatThrownBy(() -> Scope.parse(wire))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void rejectsOverlongNames() {
        assertThatThrownBy(() -> Scope.agent("a".repeat(Scope.MAX_NAME_LENGTH + 1)))
                .hasMessageContaining("longer than");
        assertThatThrownBy(() -> Scope.parse(null)).hasMessageContaining("empty scope");
    }
}
