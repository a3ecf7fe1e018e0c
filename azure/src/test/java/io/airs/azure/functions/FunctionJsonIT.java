package io.airs.azure.functions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.azure.functions.annotation.FunctionName;
import io.airs.azure.AzureSettings;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The staged function app that {@code azure-functions-maven-plugin} generated at {@code package}:
 * one {@code function.json} per function with the routes, methods, auth levels and bindings the
 * Functions host will use, and the host settings the routes rely on.
 */
class FunctionJsonIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path APP =
            Path.of(System.getProperty("airs.functions.app", "target/azure-functions/airs-enforcer"));

    private static JsonNode read(Path p) throws IOException {
        return JSON.readTree(Files.readAllBytes(p));
    }

    private static Map<String, JsonNode> functions() throws IOException {
        Map<String, JsonNode> out = new TreeMap<>();
        try (Stream<Path> dirs = Files.list(APP)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                Path f = d.resolve("function.json");
                if (Files.isRegularFile(f)) {
                    out.put(d.getFileName().toString(), read(f));
                }
            }
        }
        return out;
    }

    private static JsonNode trigger(JsonNode fn) {
        return fn.path("bindings").get(0);
    }

    @Test
    void everyFunctionNamedInTheSettingsIsGeneratedAndNoOther() throws Exception {
        Set<String> expected = new TreeSet<>();
        for (Field f : AzureSettings.class.getFields()) {
            if (f.getName().startsWith("FN_") && Modifier.isStatic(f.getModifiers())) {
                expected.add((String) f.get(null));
            }
        }
        Set<String> annotated = new TreeSet<>();
        for (Method m : EnforcerFunctions.class.getMethods()) {
            FunctionName n = m.getAnnotation(FunctionName.class);
            if (n != null) {
                annotated.add(n.value());
            }
        }
        assertThat(annotated).isEqualTo(expected);
        assertThat(functions().keySet()).isEqualTo(expected);
        for (JsonNode fn : functions().values()) {
            String entry = fn.path("entryPoint").asText();
            String method = entry.substring(entry.lastIndexOf('.') + 1);
            assertThat(Stream.of(EnforcerFunctions.class.getMethods()).map(Method::getName))
                    .contains(method);
            assertThat(APP.resolve(fn.path("scriptFile").asText().replace("../", "")))
                    .isRegularFile();
        }
    }

    @Test
    void httpRoutesKeepTheAzureOpenAiPathShapeAndTheirAuthLevels() throws Exception {
        Map<String, JsonNode> fns = functions();
        record Route(String route, String method, String auth) {}
        Map<String, Route> want = Map.of(
                AzureSettings.FN_OPENAI_FILTER,
                        new Route("openai/deployments/{deployment}/chat/completions", "POST", "FUNCTION"),
                AzureSettings.FN_EVALUATE, new Route("v1/evaluate", "POST", "FUNCTION"),
                AzureSettings.FN_ESCALATION_STATUS, new Route("v1/escalations/{ticket}", "GET", "FUNCTION"),
                AzureSettings.FN_ESCALATION_DECISION, new Route("v1/escalations/{ticket}/decision", "POST", "ADMIN"));
        for (var e : want.entrySet()) {
            JsonNode t = trigger(fns.get(e.getKey()));
            assertThat(t.path("type").asText()).isEqualTo("httpTrigger");
            assertThat(t.path("route").asText()).isEqualTo(e.getValue().route());
            List<String> methods = new ArrayList<>();
            t.path("methods").forEach(m -> methods.add(m.asText()));
            assertThat(methods).containsExactly(e.getValue().method());
            assertThat(t.path("authLevel").asText()).isEqualTo(e.getValue().auth());
            JsonNode out = fns.get(e.getKey()).path("bindings").get(1);
            assertThat(out.path("type").asText()).isEqualTo("http");
            assertThat(out.path("direction").asText()).isEqualTo("out");
        }
        // No function is anonymous: every route needs a function or admin key.
        for (JsonNode fn : fns.values()) {
            assertThat(trigger(fn).path("authLevel").asText()).isNotEqualToIgnoringCase("ANONYMOUS");
        }
        JsonNode host = read(APP.resolve("host.json"));
        assertThat(host.path("extensions").path("http").path("routePrefix").asText("missing"))
                .isEmpty();
    }

    @Test
    void queueAndTimerTriggersReadTheirNamesFromTheAppSettings() throws Exception {
        Map<String, JsonNode> fns = functions();
        JsonNode judge = trigger(fns.get(AzureSettings.FN_ASYNC_JUDGE));
        assertThat(judge.path("type").asText()).isEqualTo("queueTrigger");
        assertThat(judge.path("queueName").asText()).isEqualTo("%" + AzureSettings.JUDGE_QUEUE + "%");
        assertThat(judge.path("connection").asText()).isEqualTo(AzureSettings.STORAGE_CONNECTION);
        JsonNode decisions = trigger(fns.get(AzureSettings.FN_DECISION_CONSUMER));
        assertThat(decisions.path("type").asText()).isEqualTo("queueTrigger");
        assertThat(decisions.path("queueName").asText()).isEqualTo("%" + AzureSettings.DECISION_QUEUE + "%");
        assertThat(decisions.path("connection").asText()).isEqualTo(AzureSettings.STORAGE_CONNECTION);
        JsonNode sweep = trigger(fns.get(AzureSettings.FN_SLA_SWEEPER));
        assertThat(sweep.path("type").asText()).isEqualTo("timerTrigger");
        assertThat(sweep.path("schedule").asText()).isEqualTo("%" + AzureSettings.SWEEP_SCHEDULE + "%");
        JsonNode host = read(APP.resolve("host.json"));
        // The queue clients send Base64 messages, as the host expects by default.
        assertThat(host.path("extensions")
                        .path("queues")
                        .path("messageEncoding")
                        .asText())
                .isEqualTo("base64");
    }

    @Test
    void theStagedAppCarriesTheLibrariesButNotTheWorkersOwn() throws Exception {
        try (Stream<Path> libs = Files.list(APP.resolve("lib"))) {
            List<String> names = libs.map(p -> p.getFileName().toString()).toList();
            assertThat(names).anyMatch(n -> n.startsWith("airs-core-"));
            assertThat(names).anyMatch(n -> n.startsWith("azure-core-http-jdk-httpclient-"));
            assertThat(names).noneMatch(n -> n.contains("netty"));
        }
    }
}
