package io.airs.aws.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.airs.testkit.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Checks each line against the embedded metric format specification's required structure. */
class EmfMetricsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant T = Instant.parse("2025-03-01T10:00:00Z");
    static final Set<String> UNITS = Set.of(
            "Seconds",
            "Microseconds",
            "Milliseconds",
            "Bytes",
            "Kilobytes",
            "Megabytes",
            "Gigabytes",
            "Terabytes",
            "Bits",
            "Kilobits",
            "Megabits",
            "Gigabits",
            "Terabits",
            "Percent",
            "Count",
            "Bytes/Second",
            "Kilobytes/Second",
            "Megabytes/Second",
            "Gigabytes/Second",
            "Terabytes/Second",
            "Bits/Second",
            "Kilobits/Second",
            "Megabits/Second",
            "Gigabits/Second",
            "Terabits/Second",
            "Count/Second",
            "None");

    List<String> lines;
    EmfMetrics metrics;

    @BeforeEach
    void metrics() {
        lines = new ArrayList<>();
        metrics = new EmfMetrics(lines::add, EmfMetricsConfig.defaults(), new MutableClock(T));
    }

    /** The specification's MUSTs for one log event. */
    static JsonNode assertValidEmf(String line) throws Exception {
        assertThat(line).doesNotContain("\n").startsWith("{").endsWith("}");
        JsonNode root = JSON.readTree(line);
        JsonNode aws = root.get("_aws");
        assertThat(aws.isObject()).isTrue();
        assertThat(aws.get("Timestamp").isIntegralNumber()).isTrue();
        JsonNode directives = aws.get("CloudWatchMetrics");
        assertThat(directives.isArray()).isTrue();
        assertThat(directives.size()).isPositive();
        for (JsonNode d : directives) {
            String ns = d.get("Namespace").asText();
            assertThat(ns).isNotEmpty().hasSizeLessThanOrEqualTo(255).doesNotStartWith(":");
            assertThat(d.get("Dimensions").isArray()).isTrue();
            for (JsonNode set : d.get("Dimensions")) {
                assertThat(set.isArray()).isTrue();
                assertThat(set.size()).isBetween(0, 30);
                for (JsonNode key : set) {
                    JsonNode value = root.get(key.asText());
                    assertThat(value).as("dimension %s is a root member", key).isNotNull();
                    assertThat(value.isTextual())
                            .as("dimension %s is a string", key)
                            .isTrue();
                    assertThat(value.asText()).isNotBlank().hasSizeLessThanOrEqualTo(1024);
                }
            }
            Set<String> names = new HashSet<>();
            assertThat(d.get("Metrics").size()).isBetween(1, 100);
            for (JsonNode m : d.get("Metrics")) {
                String name = m.get("Name").asText();
                assertThat(name).isNotEmpty().hasSizeLessThanOrEqualTo(255);
                assertThat(names.add(name)).as("metric %s listed once", name).isTrue();
                if (m.has("Unit")) {
                    assertThat(UNITS).contains(m.get("Unit").asText());
                }
                assertThat(root.get(name))
                        .as("metric %s is a root member", name)
                        .isNotNull();
                assertThat(root.get(name).isNumber())
                        .as("metric %s is a number", name)
                        .isTrue();
            }
        }
        return root;
    }

    @Test
    void writesOneValidLinePerEndpointAndAgent() throws Exception {
        metrics.record("chat", "ops-bot", false, false);
        metrics.record("chat", "ops-bot", true, false);
        metrics.record("chat", "ops-bot", true, false);
        metrics.record("chat", "ops-bot", false, true);
        metrics.record("evaluate", null, false, false);

        assertThat(metrics.flush()).isEqualTo(2);

        JsonNode chat = assertValidEmf(lines.get(0));
        assertThat(chat.at("/_aws/Timestamp").asLong()).isEqualTo(T.toEpochMilli());
        assertThat(chat.at("/_aws/CloudWatchMetrics/0/Namespace").asText()).isEqualTo("AIRS");
        assertThat(chat.at("/_aws/CloudWatchMetrics/0/Dimensions").toString())
                .isEqualTo("[[\"endpoint\",\"agent\"],[\"endpoint\"]]");
        assertThat(chat.get("endpoint").asText()).isEqualTo("chat");
        assertThat(chat.get("agent").asText()).isEqualTo("ops-bot");
        assertThat(chat.get("Decisions").asLong()).isEqualTo(4);
        assertThat(chat.get("Blocks").asLong()).isEqualTo(2);
        assertThat(chat.get("UpstreamErrors").asLong()).isEqualTo(1);
        assertThat(chat.get("BlockRate").asDouble()).isEqualTo(50.0);

        JsonNode evaluate = assertValidEmf(lines.get(1));
        assertThat(evaluate.get("agent").asText()).isEqualTo(EmfMetrics.NO_AGENT);
        assertThat(evaluate.get("BlockRate").asDouble()).isZero();
    }

    @Test
    void flushStartsCountingAfresh() {
        metrics.record("chat", null, true, false);
        metrics.flush();

        assertThat(metrics.flush()).isZero();
        assertThat(lines).hasSize(1);
    }

    @Test
    void agentsBeyondTheSeriesBoundAreCountedAsOther() throws Exception {
        EmfMetrics bounded = new EmfMetrics(lines::add, new EmfMetricsConfig("AIRS", 2), new MutableClock(T));
        for (int i = 0; i < 10; i++) {
            bounded.record("chat", "agent-" + i, false, false);
        }

        assertThat(bounded.flush()).isEqualTo(3);
        JsonNode other = assertValidEmf(lines.get(2));
        assertThat(other.get("agent").asText()).isEqualTo(EmfMetrics.OTHER_AGENT);
        assertThat(other.get("Decisions").asLong()).isEqualTo(8);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {"ops-bot|ops-bot", "' '|none", "bot\u0007\u00e9|bot__", "'  padded  '|padded"})
    void dimensionValuesArePrintableAscii(String raw, String expected) throws Exception {
        metrics.record("chat", raw, false, false);
        metrics.flush();

        assertThat(assertValidEmf(lines.get(0)).get("agent").asText()).isEqualTo(expected);
    }

    @Test
    void longDimensionValuesAreCut() throws Exception {
        metrics.record("e".repeat(2000), "a", false, false);
        metrics.flush();

        assertThat(assertValidEmf(lines.get(0)).get("endpoint").asText()).hasSize(255);
    }
}
