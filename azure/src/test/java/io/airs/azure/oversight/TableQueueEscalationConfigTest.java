package io.airs.azure.oversight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airs.azure.AzureSettings;
import io.airs.azure.testing.Azurite;
import io.airs.core.oversight.Severity;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The store's settings as the function app gives them: defaults, and errors that name the setting. */
class TableQueueEscalationConfigTest {

    static final String CONNECTION = "DefaultEndpointsProtocol=http;AccountName=" + Azurite.ACCOUNT + ";AccountKey="
            + Azurite.KEY + ";QueueEndpoint=http://127.0.0.1:1/" + Azurite.ACCOUNT
            + ";TableEndpoint=http://127.0.0.1:1/"
            + Azurite.ACCOUNT + ";";

    static Map<String, String> env(String... kv) {
        Map<String, String> m = new HashMap<>();
        m.put(AzureSettings.STORAGE_CONNECTION, CONNECTION);
        for (int i = 0; i < kv.length; i += 2) {
            if (kv[i + 1] == null) {
                m.remove(kv[i]);
            } else {
                m.put(kv[i], kv[i + 1]);
            }
        }
        return m;
    }

    @Test
    void defaultsFollowTheSharedSettings() {
        TableQueueEscalationConfig c = TableQueueEscalationConfig.fromEnvironment(env());
        assertThat(c.table()).isEqualTo("airstickets");
        assertThat(c.queueName(Severity.CRITICAL)).isEqualTo("airs-escalations-critical");
        assertThat(c.queueName(Severity.SAMPLING)).isEqualTo("airs-escalations-sampling");
        assertThat(c.decisionQueue()).isEqualTo("airs-decisions");
        assertThat(c.poisonQueue()).isEqualTo("airs-decisions-poison");
        assertThat(c.sendTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(c.resendGrace()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.createIfMissing()).isFalse();
        assertThat(c.connection().usesTokenCredential()).isFalse();
    }

    @Test
    void readsEveryNameFromItsSetting() {
        TableQueueEscalationConfig c = TableQueueEscalationConfig.fromEnvironment(env(
                AzureSettings.TICKET_TABLE, "prodTickets",
                AzureSettings.ESCALATION_QUEUE_PREFIX, "prod-esc",
                AzureSettings.DECISION_QUEUE, "prod-decisions"));
        assertThat(c.table()).isEqualTo("prodTickets");
        assertThat(c.queueName(Severity.HIGH)).isEqualTo("prod-esc-high");
        assertThat(c.poisonQueue()).isEqualTo("prod-decisions-poison");
    }

    @Test
    void badNamesAreRefusedNamingTheSetting() {
        assertThatThrownBy(() ->
                        TableQueueEscalationConfig.fromEnvironment(env(AzureSettings.TICKET_TABLE, "air-tickets")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("AIRS_TICKET_TABLE: 'air-tickets'");
        assertThatThrownBy(() -> TableQueueEscalationConfig.fromEnvironment(env(AzureSettings.TICKET_TABLE, "")))
                .hasMessageStartingWith("AIRS_TICKET_TABLE:");
        assertThatThrownBy(() -> TableQueueEscalationConfig.fromEnvironment(env(AzureSettings.TICKET_TABLE, "tables")))
                .hasMessageStartingWith("AIRS_TICKET_TABLE:");
        for (String prefix : new String[] {"Airs", "airs--esc", "airs-", "-airs", "a".repeat(55), "airs_esc"}) {
            assertThatThrownBy(() -> TableQueueEscalationConfig.fromEnvironment(
                            env(AzureSettings.ESCALATION_QUEUE_PREFIX, prefix)))
                    .as(prefix)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("AIRS_ESCALATION_QUEUE_PREFIX:");
        }
        assertThat(TableQueueEscalationConfig.fromEnvironment(
                                env(AzureSettings.ESCALATION_QUEUE_PREFIX, "a".repeat(54)))
                        .queueName(Severity.STANDARD))
                .hasSize(63);
        for (String queue : new String[] {"ab", "Decisions", "a".repeat(57), "dec--q"}) {
            assertThatThrownBy(
                            () -> TableQueueEscalationConfig.fromEnvironment(env(AzureSettings.DECISION_QUEUE, queue)))
                    .as(queue)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("AIRS_DECISION_QUEUE:");
        }
    }

    @Test
    void aMissingConnectionNamesBothWaysToGiveOne() {
        assertThatThrownBy(
                        () -> TableQueueEscalationConfig.fromEnvironment(env(AzureSettings.STORAGE_CONNECTION, null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("AirsStorage: required")
                .hasMessageContaining("AirsStorage__queueServiceUri");
    }

    @Test
    void aBrokenConnectionStringIsNamedButNeverQuoted() {
        String noKey = "DefaultEndpointsProtocol=https;AccountName=acct;EndpointSuffix=core.windows.net";
        assertThatThrownBy(
                        () -> TableQueueEscalationConfig.fromEnvironment(env(AzureSettings.STORAGE_CONNECTION, noKey)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("AirsStorage: ")
                .hasMessageContaining("AccountKey");
        String secret = "AccountName=acct;AccountKey=c2VjcmV0LWtleQ==;stray";
        assertThatThrownBy(
                        () -> TableQueueEscalationConfig.fromEnvironment(env(AzureSettings.STORAGE_CONNECTION, secret)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("AirsStorage: ")
                .message()
                .doesNotContain("c2VjcmV0LWtleQ");
        assertThatThrownBy(() ->
                        TableQueueEscalationConfig.fromEnvironment(env(AzureSettings.STORAGE_CONNECTION, "nonsense")))
                .hasMessageStartingWith("AirsStorage: not a storage connection string");
        assertThat(TableQueueEscalationConfig.fromEnvironment(env()).toString()).doesNotContain(Azurite.KEY);
    }

    @Test
    void serviceUrisUseTheManagedIdentity() {
        TableQueueEscalationConfig c = TableQueueEscalationConfig.fromEnvironment(env(
                AzureSettings.STORAGE_CONNECTION,
                null,
                AzureSettings.STORAGE_QUEUE_URI,
                "https://acct.queue.core.windows.net",
                AzureSettings.STORAGE_TABLE_URI,
                "https://acct.table.core.windows.net",
                "AirsStorage__credential",
                "managedidentity",
                "AirsStorage__clientId",
                "00000000-0000-0000-0000-000000000001"));
        assertThat(c.connection().usesTokenCredential()).isTrue();
        assertThat(c.connection().queueServiceClient().getQueueServiceUrl())
                .isEqualTo("https://acct.queue.core.windows.net");
        assertThat(c.connection().tableServiceClient().getServiceEndpoint())
                .isEqualTo("https://acct.table.core.windows.net");
        assertThat(c.connection().toString()).contains("acct.queue.core.windows.net");
    }

    @Test
    void serviceUriErrorsNameTheSetting() {
        assertThatThrownBy(() -> TableQueueEscalationConfig.fromEnvironment(
                        env(AzureSettings.STORAGE_QUEUE_URI, "https://acct.queue.core.windows.net")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("AirsStorage__tableServiceUri: required");
        assertThatThrownBy(() -> TableQueueEscalationConfig.fromEnvironment(env(
                        AzureSettings.STORAGE_QUEUE_URI, "http://acct.queue.core.windows.net",
                        AzureSettings.STORAGE_TABLE_URI, "https://acct.table.core.windows.net")))
                .hasMessageStartingWith("AirsStorage__queueServiceUri: ")
                .hasMessageContaining("https");
        assertThatThrownBy(() -> TableQueueEscalationConfig.fromEnvironment(env(
                        AzureSettings.STORAGE_QUEUE_URI, "https://acct.queue.core.windows.net",
                        AzureSettings.STORAGE_TABLE_URI, "acct.table")))
                .hasMessageStartingWith("AirsStorage__tableServiceUri: ");
        assertThatThrownBy(() -> TableQueueEscalationConfig.fromEnvironment(env(
                        AzureSettings.STORAGE_QUEUE_URI,
                        "https://acct.queue.core.windows.net",
                        AzureSettings.STORAGE_TABLE_URI,
                        "https://acct.table.core.windows.net",
                        "AirsStorage__credential",
                        "connectionstring")))
                .hasMessageStartingWith("AirsStorage__credential: ");
        assertThatThrownBy(() -> TableQueueEscalationConfig.fromEnvironment(env(
                        AzureSettings.STORAGE_QUEUE_URI,
                        "https://acct.queue.core.windows.net",
                        AzureSettings.STORAGE_TABLE_URI,
                        "https://acct.table.core.windows.net",
                        "AirsStorage__clientId",
                        " ")))
                .hasMessageStartingWith("AirsStorage__clientId: ");
    }

    @Test
    void showRawContentIsTrueFalseOrThePolicys() {
        assertThat(TableQueueEscalationConfig.showRawContent(Map.of(), true)).isTrue();
        assertThat(TableQueueEscalationConfig.showRawContent(Map.of("AIRS_SHOW_RAW_CONTENT", "TRUE"), false))
                .isTrue();
        assertThat(TableQueueEscalationConfig.showRawContent(Map.of("AIRS_SHOW_RAW_CONTENT", "false"), true))
                .isFalse();
        assertThatThrownBy(
                        () -> TableQueueEscalationConfig.showRawContent(Map.of("AIRS_SHOW_RAW_CONTENT", "yes"), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("AIRS_SHOW_RAW_CONTENT: 'yes'");
    }

    @Test
    void timeoutsAreBounded() {
        TableQueueEscalationConfig c = TableQueueEscalationConfig.fromEnvironment(env());
        assertThatThrownBy(() -> c.withSendTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.withSendTimeout(Duration.ofMinutes(2))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.withResendGrace(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> c.withTable("x")).hasMessageStartingWith("table: ");
        assertThat(c.withResendGrace(Duration.ZERO).resendGrace()).isZero();
    }
}
