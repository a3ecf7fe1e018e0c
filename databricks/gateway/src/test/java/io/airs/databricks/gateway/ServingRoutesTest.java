package io.airs.databricks.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServingRoutesTest {

    @ParameterizedTest
    @ValueSource(strings = {"chat", "support-bot", "gpt_4o", "A1", "x"})
    void servingEndpointNames(String name) {
        assertThat(ServingEndpointUpstream.isEndpointName(name)).isTrue();
        assertThat(ServingRoutes.endpointOf("/serving-endpoints/" + name + "/invocations"))
                .isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-chat", "_x", "a/b", "..", "chat.v2", "ünicode", "a b", "x%2F"})
    void notServingEndpointNames(String name) {
        assertThat(ServingEndpointUpstream.isEndpointName(name)).isFalse();
        assertThat(ServingRoutes.endpointOf("/serving-endpoints/" + name + "/invocations"))
                .isNull();
    }

    @org.junit.jupiter.api.Test
    void namesAreAtMost63Characters() {
        assertThat(ServingEndpointUpstream.isEndpointName("a".repeat(63))).isTrue();
        assertThat(ServingEndpointUpstream.isEndpointName("a".repeat(64))).isFalse();
        assertThat(ServingRoutes.endpointOf("/serving-endpoints//invocations")).isNull();
        assertThat(ServingRoutes.endpointOf("/serving-endpoints/chat/invocations/x"))
                .isNull();
        assertThat(ServingRoutes.endpointOf("/v1/chat/completions")).isNull();
    }
}
