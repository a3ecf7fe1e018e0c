package io.airs.core.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.airs.core.Action;
import io.airs.core.RiskTier;
import io.airs.core.Stage;
import io.airs.core.guardrail.keyword.KeywordGuardrail;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Loads a policy from YAML or JSON, strictly: an unknown key, a wrong type or a value out of range is
 * an error naming the file, line, key and reason, never silently ignored. Every problem in a file is
 * reported at once.
 *
 * <p>The file is read into a tree and bound by hand rather than by reflection: the error messages are
 * exact and a fresh process decides sooner.
 *
 * <pre>{@code
 * Policy p = new PolicyLoader().load(Path.of("policy.yaml")); // throws PolicyException
 * Policy d = PolicyLoader.defaultPolicy();
 * }</pre>
 */
public final class PolicyLoader {

    /** The detectors a check may name. */
    public static final Set<String> DETECTORS =
            Set.of("injection", "indirect", "harmful", "pii", "secret", "classifier", "keywords");

    /** What a rate limit may count per (the Databricks AI Gateway's keys). */
    public static final Set<String> RATE_LIMIT_KEYS = Set.of("user", "endpoint", "user_group", "service_principal");

    /** The renewal periods a rate limit may name. */
    public static final Set<String> RENEWAL_PERIODS = Set.of("minute");

    /** The longest keyword or topic a policy may name, in characters. */
    public static final int MAX_KEYWORD_CHARS = 200;

    /** The redaction modes a policy may name. */
    public static final Set<String> REDACTION_MODES = Set.of("mask", "placeholder", "pseudonym");

    private static final String DEFAULT_RESOURCE = "/io/airs/core/policy/default.yaml";

    private static final Set<String> POLICY_KEYS = Set.of(
            "version",
            "name",
            "description",
            "risk_tier",
            "fail_posture",
            "limits",
            "normalize",
            "redaction",
            "evidence",
            "stages",
            "judge",
            "oversight",
            "breakers",
            "pace",
            "topics");
    private static final Set<String> LIMITS_KEYS =
            Set.of("max_content_chars", "max_request_bytes", "max_messages", "rate_limits");
    private static final Set<String> RATE_LIMIT_FIELDS =
            Set.of("key", "calls", "tokens", "renewal_period", "principal");
    private static final Set<String> TOPICS_KEYS = Set.of("allowed");
    private static final Set<String> NORMALIZE_KEYS = Set.of("nfkc", "strip_invisible", "fold_homoglyphs", "decode");
    private static final Set<String> REDACTION_KEYS = Set.of("mode");
    private static final Set<String> EVIDENCE_KEYS = Set.of("excerpt_chars", "store_raw");
    private static final Set<String> STAGES_KEYS = Set.of("input", "context", "output", "tool_call");
    private static final Set<String> CHECK_KEYS =
            Set.of("name", "detector", "action", "threshold", "types", "keywords");
    private static final Set<String> JUDGE_KEYS = Set.of(
            "enabled",
            "sampling_rate",
            "always_when_flagged",
            "adaptive_window",
            "modes",
            "pass_above",
            "escalate_below",
            "on_failure",
            "llm");
    private static final Set<String> LLM_KEYS =
            Set.of("endpoint", "model", "auth", "api_key_env", "timeout", "retries");
    private static final Set<String> MODE_KEYS = Set.of("input", "context", "output");
    private static final Set<String> MODES = Set.of("inline", "async");
    private static final Set<String> ON_FAILURE = Set.of("use_classifier", "review", "escalate");
    private static final Set<String> AUTH = Set.of("none", "bearer", "api_key");
    private static final Set<String> OVERSIGHT_KEYS = Set.of(
            "sla",
            "show_raw_content",
            "rubber_stamp_approval_rate",
            "rubber_stamp_median_time",
            "rubber_stamp_min_decisions");
    private static final Set<String> QUEUES = Set.of("critical", "high", "standard", "sampling");
    private static final Set<String> BREAKER_KEYS = Set.of(
            "window",
            "min_volume",
            "block_rate",
            "error_rate",
            "judge_failures",
            "agent_blocks",
            "agent_block_window",
            "open_for",
            "half_open_probes",
            "close_after",
            "fallback");
    private static final Set<String> PACE_LAYERS = Set.of("guardrails", "judge", "oversight");
    private static final Set<String> PACE_KEYS = Set.of(
            "error_rate",
            "latency_factor",
            "sustain",
            "unresponsive",
            "emergency_after",
            "recovery",
            "min_volume",
            "window");

    private final ObjectMapper yaml;
    private final ObjectMapper json;

    public PolicyLoader() {
        this.yaml = new YAMLMapper(YAMLFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build());
        this.json = new JsonMapper(JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build());
    }

    /** The built-in default policy (documented in {@code docs/policy.md}). */
    public static Policy defaultPolicy() {
        return new PolicyLoader().loadResource(DEFAULT_RESOURCE, "default.yaml");
    }

    /** The example policy shipped for {@code tier}. */
    public static Policy example(RiskTier tier) {
        String file = "example-" + tier.name().toLowerCase(Locale.ROOT) + ".yaml";
        return new PolicyLoader().loadResource("/io/airs/core/policy/" + file, file);
    }

    /** Loads a policy from a classpath resource. */
    public Policy loadResource(String resource, String displayName) {
        try (InputStream in = PolicyLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new PolicyException(
                        List.of(new PolicyException.Problem(displayName, 0, "", "resource not found")));
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), displayName);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Loads and validates the policy in {@code file} (YAML, or JSON when the name ends in {@code .json}).
     *
     * @throws PolicyException naming every problem, with file, line, key and reason
     */
    public Policy load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new PolicyException(List.of(new PolicyException.Problem(file.toString(), 0, "", "file not found")));
        } catch (IOException e) {
            throw new PolicyException(
                    List.of(new PolicyException.Problem(file.toString(), 0, "", "cannot read: " + e.getMessage())));
        }
        return parse(text, file.toString());
    }

    /** Parses and validates policy text; {@code source} names it in errors. */
    public Policy parse(String text, String source) {
        boolean isJson = source.endsWith(".json") || text.stripLeading().startsWith("{");
        ObjectMapper mapper = isJson ? json : yaml;
        if (text.isBlank()) {
            throw new PolicyException(List.of(new PolicyException.Problem(source, 1, "", "the policy is empty")));
        }
        Map<String, Integer> lines;
        JsonNode root;
        try {
            lines = indexLines(mapper.getFactory(), text);
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            throw new PolicyException(List.of(new PolicyException.Problem(
                    source,
                    loc == null ? 0 : loc.getLineNr(),
                    "",
                    "not valid " + (isJson ? "JSON" : "YAML") + ": " + e.getOriginalMessage())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new PolicyException(List.of(new PolicyException.Problem(source, 1, "", "the policy is empty")));
        }
        List<PolicyException.Problem> problems = new ArrayList<>();
        Binder binder = new Binder(new Problems(source, lines, problems));
        Policy policy = binder.policy(root);
        if (problems.isEmpty()) {
            validate(policy, source, lines, problems);
        }
        if (!problems.isEmpty()) {
            throw new PolicyException(problems);
        }
        return policy.withRevision(revisionOf(policy));
    }

    /** The revision hash: SHA-256 over the policy's canonical JSON, so layout and comments do not count. */
    public String revisionOf(Policy policy) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(toCanonicalJson(policy).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash policy", e);
        }
    }

    /** The policy as canonical JSON: sorted keys, no whitespace, every default filled in. */
    public String toCanonicalJson(Policy p) {
        Map<String, Object> limits = new TreeMap<>();
        limits.put("max_content_chars", p.limits().maxContentChars());
        limits.put("max_request_bytes", p.limits().maxRequestBytes());
        limits.put("max_messages", p.limits().maxMessages());
        // Optional sections appear only when set, so a policy without them keeps its revision.
        if (!p.limits().rateLimits().isEmpty()) {
            List<Object> rateLimits = new ArrayList<>();
            for (Policy.RateLimit r : p.limits().rateLimits()) {
                rateLimits.add(canonical(r));
            }
            limits.put("rate_limits", rateLimits);
        }
        Map<String, Object> normalize = new TreeMap<>();
        normalize.put("nfkc", p.normalize().nfkc());
        normalize.put("strip_invisible", p.normalize().stripInvisible());
        normalize.put("fold_homoglyphs", p.normalize().foldHomoglyphs());
        normalize.put("decode", p.normalize().decode());
        Map<String, Object> stages = new TreeMap<>();
        for (Stage s : Stage.values()) {
            List<Object> checks = new ArrayList<>();
            for (Policy.CheckConfig c : p.checks(s)) {
                Map<String, Object> m = new TreeMap<>();
                m.put("name", c.name());
                m.put("detector", c.detector());
                m.put("action", c.action().wireName());
                m.put("threshold", c.threshold());
                m.put("types", c.types());
                if (!c.keywords().isEmpty()) {
                    m.put("keywords", c.keywords());
                }
                checks.add(m);
            }
            stages.put(s.wireName(), checks);
        }
        Map<String, Object> root = new TreeMap<>();
        root.put("version", p.version());
        root.put("name", p.name());
        root.put("description", p.description());
        root.put("risk_tier", p.riskTier().name());
        root.put("fail_posture", p.failPosture().wireName());
        root.put("limits", limits);
        root.put("normalize", normalize);
        root.put("redaction", Map.of("mode", p.redaction().mode()));
        root.put(
                "evidence",
                new TreeMap<>(Map.of(
                        "excerpt_chars",
                        p.evidence().excerptChars(),
                        "store_raw",
                        p.evidence().storeRaw())));
        root.put("stages", stages);
        root.put("judge", canonical(p.judge()));
        root.put("oversight", canonical(p.oversight()));
        root.put("breakers", canonical(p.breakers()));
        Map<String, Object> pace = new TreeMap<>();
        p.pace().layers().forEach((k, v) -> pace.put(k, canonical(v)));
        root.put("pace", pace);
        if (!p.topics().allowed().isEmpty()) {
            root.put("topics", Map.of("allowed", p.topics().allowed()));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = json.getFactory().createGenerator(out)) {
            write(g, root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** A settings record as a sorted map of its non-null components, durations in milliseconds. */
    private static Map<String, Object> canonical(Record r) {
        Map<String, Object> m = new TreeMap<>();
        for (var c : r.getClass().getRecordComponents()) {
            Object v;
            try {
                v = c.getAccessor().invoke(r);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
            if (v instanceof Duration d) {
                v = format(d);
            } else if (v instanceof Record nested) {
                v = canonical(nested);
            } else if (v instanceof Map<?, ?> map) {
                Map<String, Object> sorted = new TreeMap<>();
                map.forEach((k, x) -> sorted.put(String.valueOf(k), x instanceof Duration d ? format(d) : x));
                v = sorted;
            }
            if (v != null) {
                m.put(snake(c.getName()), v);
            }
        }
        return m;
    }

    private static String snake(String camel) {
        StringBuilder sb = new StringBuilder(camel.length() + 4);
        for (char ch : camel.toCharArray()) {
            if (Character.isUpperCase(ch)) {
                sb.append('_').append(Character.toLowerCase(ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    private static void write(JsonGenerator g, Object v) throws IOException {
        if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName((String) e.getKey());
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object o : l) {
                write(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else {
            g.writeNull();
        }
    }

    /** Parses {@code 250ms}, {@code 30s}, {@code 5m}, {@code 4h}, {@code 3d}; null when malformed. */
    static Duration parseDuration(String s) {
        int i = 0;
        while (i < s.length() && Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i == 0 || i > 9) {
            return null;
        }
        long n = Long.parseLong(s.substring(0, i));
        return switch (s.substring(i)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> null;
        };
    }

    private static String format(Duration d) {
        return d == null ? null : d.toMillis() + "ms";
    }

    private static Map<String, Integer> indexLines(JsonFactory factory, String text) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = factory.createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                String pointer = p.getParsingContext().pathAsPointer().toString();
                if (t == JsonToken.FIELD_NAME
                        || t.isStructStart()
                        || p.getParsingContext().inArray()) {
                    lines.putIfAbsent(pointer, p.currentTokenLocation().getLineNr());
                }
            }
        }
        return lines;
    }

    private static int lineOf(Map<String, Integer> lines, String pointer) {
        for (String p = pointer; ; ) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            int cut = p.lastIndexOf('/');
            if (cut <= 0) {
                return 0;
            }
            p = p.substring(0, cut);
        }
    }

    /** Binds the tree to the policy records, reporting every problem with its JSON pointer. */
    private record Binder(Problems problems) {

        Policy policy(JsonNode root) {
            if (!root.isObject()) {
                problems.add("", "expected a mapping of policy keys, got " + kind(root));
                return new Policy(
                        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
            }
            keys(root, "", POLICY_KEYS);
            JsonNode limits = object(root, "limits", "");
            JsonNode normalize = object(root, "normalize", "");
            JsonNode redaction = object(root, "redaction", "");
            JsonNode evidence = object(root, "evidence", "");
            JsonNode stages = object(root, "stages", "");
            JsonNode judge = object(root, "judge", "");
            JsonNode oversight = object(root, "oversight", "");
            JsonNode breakers = object(root, "breakers", "");
            JsonNode pace = object(root, "pace", "");
            JsonNode topics = object(root, "topics", "");
            keys(limits, "/limits", LIMITS_KEYS);
            keys(topics, "/topics", TOPICS_KEYS);
            keys(normalize, "/normalize", NORMALIZE_KEYS);
            keys(redaction, "/redaction", REDACTION_KEYS);
            keys(evidence, "/evidence", EVIDENCE_KEYS);
            keys(stages, "/stages", STAGES_KEYS);
            return new Policy(
                    integer(root, "version", ""),
                    string(root, "name", ""),
                    string(root, "description", ""),
                    enumValue(root, "risk_tier", "", RiskTier.class),
                    enumValue(root, "fail_posture", "", Action.class),
                    limits == null
                            ? null
                            : new Policy.LimitsConfig(
                                    integer(limits, "max_content_chars", "/limits"),
                                    integer(limits, "max_request_bytes", "/limits"),
                                    integer(limits, "max_messages", "/limits"),
                                    rateLimits(limits)),
                    normalize == null
                            ? null
                            : new Policy.NormalizeSettings(
                                    bool(normalize, "nfkc", "/normalize"),
                                    bool(normalize, "strip_invisible", "/normalize"),
                                    bool(normalize, "fold_homoglyphs", "/normalize"),
                                    bool(normalize, "decode", "/normalize")),
                    redaction == null ? null : new Policy.RedactionSettings(string(redaction, "mode", "/redaction")),
                    evidence == null
                            ? null
                            : new Policy.EvidenceSettings(
                                    integer(evidence, "excerpt_chars", "/evidence"),
                                    bool(evidence, "store_raw", "/evidence")),
                    stages == null
                            ? null
                            : new Policy.StagesConfig(
                                    checks(stages, "input"),
                                    checks(stages, "context"),
                                    checks(stages, "output"),
                                    checks(stages, "tool_call")),
                    judge == null ? null : judge(judge),
                    oversight == null ? null : oversight(oversight),
                    breakers == null ? null : breakers(breakers),
                    pace == null ? null : pace(pace),
                    topics == null ? null : new Policy.TopicsConfig(strings(topics, "allowed", "/topics")),
                    null);
        }

        private List<Policy.RateLimit> rateLimits(JsonNode limits) {
            JsonNode list = limits.get("rate_limits");
            String at = "/limits/rate_limits";
            if (list == null || list.isNull()) {
                return null;
            }
            if (!list.isArray()) {
                problems.add(at, "expected a list of rate limits, got " + kind(list));
                return null;
            }
            List<Policy.RateLimit> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                JsonNode r = list.get(i);
                String ri = at + "/" + i;
                if (!r.isObject()) {
                    problems.add(ri, "expected a rate limit (a mapping with key and calls), got " + kind(r));
                    continue;
                }
                keys(r, ri, RATE_LIMIT_FIELDS);
                out.add(new Policy.RateLimit(
                        string(r, "key", ri),
                        integer(r, "calls", ri),
                        integer(r, "tokens", ri),
                        string(r, "renewal_period", ri),
                        string(r, "principal", ri)));
            }
            return out;
        }

        private ControlSettings.JudgeSettings judge(JsonNode j) {
            String at = "/judge";
            keys(j, at, JUDGE_KEYS);
            JsonNode modes = object(j, "modes", at);
            keys(modes, at + "/modes", MODE_KEYS);
            Map<String, String> modeMap = new TreeMap<>();
            if (modes != null) {
                for (String stage : MODE_KEYS) {
                    String m = oneOf(modes, stage, at + "/modes", MODES);
                    if (m != null) {
                        modeMap.put(stage, m);
                    }
                }
            }
            JsonNode llm = object(j, "llm", at);
            ControlSettings.LlmSettings llmSettings = null;
            if (llm != null) {
                String la = at + "/llm";
                keys(llm, la, LLM_KEYS);
                String endpoint = string(llm, "endpoint", la);
                if (endpoint == null) {
                    problems.add(la, "missing key 'endpoint' (the judge's OpenAI-compatible API root)");
                } else if (!endpoint.startsWith("http://") && !endpoint.startsWith("https://")) {
                    problems.add(la + "/endpoint", "must be an http(s) URL (was '" + endpoint + "')");
                }
                llmSettings = new ControlSettings.LlmSettings(
                        endpoint,
                        string(llm, "model", la),
                        oneOf(llm, "auth", la, AUTH),
                        string(llm, "api_key_env", la),
                        duration(llm, "timeout", la),
                        integer(llm, "retries", la));
            }
            return new ControlSettings.JudgeSettings(
                    bool(j, "enabled", at),
                    fraction(j, "sampling_rate", at),
                    bool(j, "always_when_flagged", at),
                    duration(j, "adaptive_window", at),
                    modeMap,
                    fraction(j, "pass_above", at),
                    fraction(j, "escalate_below", at),
                    oneOf(j, "on_failure", at, ON_FAILURE),
                    llmSettings);
        }

        private ControlSettings.OversightSettings oversight(JsonNode o) {
            String at = "/oversight";
            keys(o, at, OVERSIGHT_KEYS);
            JsonNode sla = object(o, "sla", at);
            keys(sla, at + "/sla", QUEUES);
            Map<String, Duration> slaMap = new TreeMap<>();
            if (sla != null) {
                for (String q : QUEUES) {
                    Duration d = duration(sla, q, at + "/sla");
                    if (d != null) {
                        slaMap.put(q, d);
                    }
                }
            }
            return new ControlSettings.OversightSettings(
                    slaMap,
                    bool(o, "show_raw_content", at),
                    fraction(o, "rubber_stamp_approval_rate", at),
                    duration(o, "rubber_stamp_median_time", at),
                    integer(o, "rubber_stamp_min_decisions", at));
        }

        private ControlSettings.BreakerSettings breakers(JsonNode b) {
            String at = "/breakers";
            keys(b, at, BREAKER_KEYS);
            return new ControlSettings.BreakerSettings(
                    duration(b, "window", at),
                    integer(b, "min_volume", at),
                    fraction(b, "block_rate", at),
                    fraction(b, "error_rate", at),
                    integer(b, "judge_failures", at),
                    integer(b, "agent_blocks", at),
                    duration(b, "agent_block_window", at),
                    duration(b, "open_for", at),
                    integer(b, "half_open_probes", at),
                    integer(b, "close_after", at),
                    string(b, "fallback", at));
        }

        private ControlSettings.PaceSettings pace(JsonNode p) {
            keys(p, "/pace", PACE_LAYERS);
            Map<String, ControlSettings.PaceLayerSettings> layers = new TreeMap<>();
            for (String layer : PACE_LAYERS) {
                JsonNode l = object(p, layer, "/pace");
                if (l == null) {
                    continue;
                }
                String at = "/pace/" + layer;
                keys(l, at, PACE_KEYS);
                layers.put(
                        layer,
                        new ControlSettings.PaceLayerSettings(
                                fraction(l, "error_rate", at),
                                number(l, "latency_factor", at),
                                duration(l, "sustain", at),
                                duration(l, "unresponsive", at),
                                duration(l, "emergency_after", at),
                                duration(l, "recovery", at),
                                integer(l, "min_volume", at),
                                duration(l, "window", at)));
            }
            return new ControlSettings.PaceSettings(layers);
        }

        private String oneOf(JsonNode obj, String key, String at, Set<String> allowed) {
            String s = string(obj, key, at);
            if (s != null && !allowed.contains(s)) {
                problems.add(at + "/" + key, "'" + s + "' is not one of " + String.join(", ", new TreeSet<>(allowed)));
                return null;
            }
            return s;
        }

        private Double fraction(JsonNode obj, String key, String at) {
            Double d = number(obj, key, at);
            if (d != null && !(d >= 0.0 && d <= 1.0)) {
                problems.add(at + "/" + key, "must be between 0 and 1 (was " + d + ")");
                return null;
            }
            return d;
        }

        private Duration duration(JsonNode obj, String key, String at) {
            String s = string(obj, key, at);
            if (s == null) {
                return null;
            }
            Duration d = parseDuration(s);
            if (d == null) {
                problems.add(
                        at + "/" + key,
                        "'" + s + "' is not a duration (a number and a unit: ms, s, m, h or d, e.g. 30s, 5m, 4h)");
            }
            return d;
        }

        private List<Policy.CheckConfig> checks(JsonNode stages, String stage) {
            JsonNode list = stages.get(stage);
            String at = "/stages/" + stage;
            if (list == null || list.isNull()) {
                return null;
            }
            if (!list.isArray()) {
                problems.add(at, "expected a list of checks, got " + kind(list));
                return null;
            }
            List<Policy.CheckConfig> out = new ArrayList<>(list.size());
            for (int i = 0; i < list.size(); i++) {
                JsonNode c = list.get(i);
                String ci = at + "/" + i;
                if (!c.isObject()) {
                    problems.add(ci, "expected a check (a mapping with detector, action, threshold), got " + kind(c));
                    continue;
                }
                keys(c, ci, CHECK_KEYS);
                out.add(new Policy.CheckConfig(
                        string(c, "name", ci),
                        string(c, "detector", ci),
                        enumValue(c, "action", ci, Action.class),
                        number(c, "threshold", ci),
                        strings(c, "types", ci),
                        strings(c, "keywords", ci)));
            }
            return out;
        }

        private void keys(JsonNode obj, String at, Set<String> allowed) {
            if (obj == null) {
                return;
            }
            Iterator<String> names = obj.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (!allowed.contains(name)) {
                    problems.add(
                            at + "/" + name,
                            "unknown key '" + name + "' (expected one of: " + String.join(", ", new TreeSet<>(allowed))
                                    + ")");
                }
            }
        }

        private JsonNode object(JsonNode obj, String key, String at) {
            JsonNode n = obj.get(key);
            if (n == null || n.isNull()) {
                return null;
            }
            if (!n.isObject()) {
                problems.add(at + "/" + key, "expected a mapping, got " + kind(n));
                return null;
            }
            return n;
        }

        private String string(JsonNode obj, String key, String at) {
            JsonNode n = obj.get(key);
            if (n == null || n.isNull()) {
                return null;
            }
            if (!n.isTextual()) {
                problems.add(at + "/" + key, "expected a string, got " + kind(n));
                return null;
            }
            return n.asText();
        }

        private Integer integer(JsonNode obj, String key, String at) {
            JsonNode n = obj.get(key);
            if (n == null || n.isNull()) {
                return null;
            }
            if (!n.isIntegralNumber() || !n.canConvertToInt()) {
                problems.add(at + "/" + key, "expected an integer, got " + kind(n) + describe(n));
                return null;
            }
            return n.intValue();
        }

        private Double number(JsonNode obj, String key, String at) {
            JsonNode n = obj.get(key);
            if (n == null || n.isNull()) {
                return null;
            }
            if (!n.isNumber()) {
                problems.add(at + "/" + key, "expected a number, got " + kind(n) + describe(n));
                return null;
            }
            return n.doubleValue();
        }

        private Boolean bool(JsonNode obj, String key, String at) {
            JsonNode n = obj.get(key);
            if (n == null || n.isNull()) {
                return null;
            }
            if (!n.isBoolean()) {
                problems.add(at + "/" + key, "expected true or false, got " + kind(n) + describe(n));
                return null;
            }
            return n.booleanValue();
        }

        private List<String> strings(JsonNode obj, String key, String at) {
            JsonNode n = obj.get(key);
            if (n == null || n.isNull()) {
                return null;
            }
            if (!n.isArray()) {
                problems.add(at + "/" + key, "expected a list of strings, got " + kind(n));
                return null;
            }
            List<String> out = new ArrayList<>(n.size());
            for (int i = 0; i < n.size(); i++) {
                if (!n.get(i).isTextual()) {
                    problems.add(at + "/" + key + "/" + i, "expected a string, got " + kind(n.get(i)));
                } else {
                    out.add(n.get(i).asText());
                }
            }
            return out;
        }

        private <E extends Enum<E>> E enumValue(JsonNode obj, String key, String at, Class<E> type) {
            String s = string(obj, key, at);
            if (s == null) {
                return null;
            }
            for (E e : type.getEnumConstants()) {
                if (e.name().equalsIgnoreCase(s)) {
                    return e;
                }
            }
            problems.add(
                    at + "/" + key,
                    "'" + s + "' is not one of "
                            + Arrays.stream(type.getEnumConstants())
                                    .map(c -> c.name().toLowerCase(Locale.ROOT))
                                    .collect(Collectors.joining(", ")));
            return null;
        }

        private static String describe(JsonNode n) {
            return n.isValueNode() ? " ('" + n.asText() + "')" : "";
        }
    }

    private static String kind(JsonNode n) {
        if (n.isObject()) {
            return "a mapping";
        }
        if (n.isArray()) {
            return "a list";
        }
        if (n.isTextual()) {
            return "a string";
        }
        if (n.isNumber()) {
            return "a number";
        }
        if (n.isBoolean()) {
            return "a boolean";
        }
        return "null";
    }

    private static void validate(
            Policy policy, String source, Map<String, Integer> lines, List<PolicyException.Problem> out) {
        Problems problems = new Problems(source, lines, out);
        if (policy.version() != 1) {
            problems.add("/version", "unsupported policy version " + policy.version() + " (expected 1)");
        }
        Policy.LimitsConfig limits = policy.limits();
        problems.positive("/limits/max_content_chars", limits.maxContentChars());
        problems.positive("/limits/max_request_bytes", limits.maxRequestBytes());
        problems.positive("/limits/max_messages", limits.maxMessages());
        validateRateLimits(limits.rateLimits(), problems);
        validatePhrases(policy.topics().allowed(), "/topics/allowed", "topic", problems);
        if (!REDACTION_MODES.contains(policy.redaction().mode())) {
            problems.add(
                    "/redaction/mode",
                    "'" + policy.redaction().mode() + "' is not one of "
                            + String.join(", ", new TreeSet<>(REDACTION_MODES)));
        }
        int excerpt = policy.evidence().excerptChars();
        if (excerpt < 0 || excerpt > 4096) {
            problems.add("/evidence/excerpt_chars", "must be between 0 and 4096 (was " + excerpt + ")");
        }
        if (policy.failPosture() == Action.REDACT) {
            problems.add("/fail_posture", "must be block, escalate or allow (a failed check has nothing to redact)");
        }
        validateControls(policy, problems);
        for (Stage stage : Stage.values()) {
            List<Policy.CheckConfig> checks = policy.checks(stage);
            Set<String> names = new HashSet<>();
            for (int i = 0; i < checks.size(); i++) {
                Policy.CheckConfig c = checks.get(i);
                String at = "/stages/" + stage.wireName() + "/" + i;
                if (c.detector() == null || c.detector().isBlank()) {
                    problems.add(
                            at, "missing key 'detector' (one of " + String.join(", ", new TreeSet<>(DETECTORS)) + ")");
                    continue;
                }
                if (!DETECTORS.contains(c.detector())) {
                    problems.add(
                            at + "/detector",
                            "unknown detector '" + c.detector() + "' (expected one of "
                                    + String.join(", ", new TreeSet<>(DETECTORS)) + ")");
                }
                if (!(c.threshold() >= 0.0 && c.threshold() <= 1.0)) {
                    problems.add(at + "/threshold", "must be between 0 and 1 (was " + c.threshold() + ")");
                }
                if (!names.add(c.name())) {
                    problems.add(at + "/name", "duplicate check name '" + c.name() + "' in stage " + stage.wireName());
                }
                if ("keywords".equals(c.detector())) {
                    if (c.keywords().isEmpty()) {
                        problems.add(at, "missing key 'keywords' (the words and phrases a keywords check matches)");
                    }
                    validatePhrases(c.keywords(), at + "/keywords", "keyword", problems);
                } else if (!c.keywords().isEmpty()) {
                    problems.add(
                            at + "/keywords",
                            "only a keywords check takes keywords (detector is " + c.detector() + ")");
                }
                for (int t = 0; t < c.types().size(); t++) {
                    String type = c.types().get(t);
                    if (type == null || !type.matches("[A-Za-z][A-Za-z0-9_:.-]{0,63}")) {
                        problems.add(at + "/types/" + t, "'" + type + "' is not a finding type name");
                    }
                }
            }
        }
    }

    /**
     * Keywords and topics: not blank, at most {@link #MAX_KEYWORD_CHARS}, and no two the same once
     * case and spacing are folded (the way a keyword is matched).
     */
    private static void validatePhrases(List<String> phrases, String at, String what, Problems problems) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < phrases.size(); i++) {
            String p = phrases.get(i);
            String folded = KeywordGuardrail.fold(p);
            if (folded.isEmpty()) {
                problems.add(at + "/" + i, "a " + what + " must not be blank");
            } else if (p.length() > MAX_KEYWORD_CHARS) {
                problems.add(
                        at + "/" + i,
                        "a " + what + " is limited to " + MAX_KEYWORD_CHARS + " characters (was " + p.length() + ")");
            } else {
                Integer first = seen.putIfAbsent(folded, i);
                if (first != null) {
                    problems.add(
                            at + "/" + i,
                            "duplicate " + what + " '" + p + "' (the same as entry " + first
                                    + " ignoring case and spacing)");
                }
            }
        }
    }

    private static void validateRateLimits(List<Policy.RateLimit> limits, Problems problems) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < limits.size(); i++) {
            Policy.RateLimit r = limits.get(i);
            String at = "/limits/rate_limits/" + i;
            if (r.key() == null) {
                problems.add(
                        at, "missing key 'key' (one of " + String.join(", ", new TreeSet<>(RATE_LIMIT_KEYS)) + ")");
            } else if (!RATE_LIMIT_KEYS.contains(r.key())) {
                problems.add(
                        at + "/key",
                        "'" + r.key() + "' is not one of " + String.join(", ", new TreeSet<>(RATE_LIMIT_KEYS)));
            } else if (!seen.add(r.key() + "\u0000" + r.principal())) {
                problems.add(
                        at,
                        "duplicate rate limit for key " + r.key()
                                + (r.principal() == null ? "" : " and principal " + r.principal()));
            }
            if (r.calls() == null && r.tokens() == null) {
                problems.add(at, "missing key 'calls' (requests per renewal period; or 'tokens')");
            }
            if (r.calls() != null) {
                problems.positive(at + "/calls", r.calls());
            }
            if (r.tokens() != null) {
                problems.positive(at + "/tokens", r.tokens());
            }
            if (!RENEWAL_PERIODS.contains(r.renewalPeriod())) {
                problems.add(
                        at + "/renewal_period",
                        "'" + r.renewalPeriod() + "' is not one of "
                                + String.join(", ", new TreeSet<>(RENEWAL_PERIODS)));
            }
            if (r.principal() != null && (r.principal().isBlank() || "endpoint".equals(r.key()))) {
                problems.add(
                        at + "/principal",
                        r.principal().isBlank()
                                ? "must not be blank"
                                : "an endpoint limit counts every caller together and names no principal");
            }
        }
    }

    /** The framework's judge sampling range per tier. */
    private static final Map<RiskTier, double[]> SAMPLING_RANGE = Map.of(
            RiskTier.LOW, new double[] {0.01, 0.05},
            RiskTier.MEDIUM, new double[] {0.05, 0.10},
            RiskTier.HIGH, new double[] {0.20, 0.50},
            RiskTier.CRITICAL, new double[] {1.0, 1.0});

    private static void validateControls(Policy policy, Problems problems) {
        ControlSettings.JudgeSettings j = policy.judge();
        if (j.samplingRate() != null) {
            double[] range = SAMPLING_RANGE.get(policy.riskTier());
            if (j.samplingRate() < range[0] || j.samplingRate() > range[1]) {
                problems.add(
                        "/judge/sampling_rate",
                        "must be within " + percent(range[0]) + "-" + percent(range[1]) + " at " + policy.riskTier()
                                + " tier (was " + j.samplingRate() + ")");
            }
        }
        if (j.passAbove() != null && j.escalateBelow() != null && j.escalateBelow() >= j.passAbove()) {
            problems.add("/judge/escalate_below", "must be below pass_above (" + j.passAbove() + ")");
        }
        if (j.llm() != null) {
            problems.positiveDuration("/judge/llm/timeout", j.llm().timeout());
            if (j.llm().retries() != null && (j.llm().retries() < 0 || j.llm().retries() > 10)) {
                problems.add(
                        "/judge/llm/retries",
                        "must be between 0 and 10 (was " + j.llm().retries() + ")");
            }
            if (j.llm().auth() != null
                    && !"none".equals(j.llm().auth())
                    && j.llm().apiKeyEnv() == null) {
                problems.add(
                        "/judge/llm/api_key_env",
                        "required when auth is " + j.llm().auth());
            }
        }
        policy.oversight().sla().forEach((q, d) -> problems.positiveDuration("/oversight/sla/" + q, d));
        if (policy.oversight().rubberStampMinDecisions() != null) {
            problems.positive(
                    "/oversight/rubber_stamp_min_decisions", policy.oversight().rubberStampMinDecisions());
        }
        ControlSettings.BreakerSettings b = policy.breakers();
        problems.positiveDuration("/breakers/window", b.window());
        problems.positiveDuration("/breakers/agent_block_window", b.agentBlockWindow());
        problems.positiveDuration("/breakers/open_for", b.openFor());
        for (var e : Map.of(
                        "min_volume", nz(b.minVolume()),
                        "judge_failures", nz(b.judgeFailures()),
                        "agent_blocks", nz(b.agentBlocks()),
                        "half_open_probes", nz(b.halfOpenProbes()),
                        "close_after", nz(b.closeAfter()))
                .entrySet()) {
            problems.positive("/breakers/" + e.getKey(), e.getValue());
        }
        if (b.fallback().isBlank()) {
            problems.add("/breakers/fallback", "must not be blank");
        }
        policy.pace().layers().forEach((layer, l) -> {
            String at = "/pace/" + layer;
            problems.positiveDuration(at + "/sustain", l.sustain());
            problems.positiveDuration(at + "/unresponsive", l.unresponsive());
            problems.positiveDuration(at + "/emergency_after", l.emergencyAfter());
            problems.positiveDuration(at + "/recovery", l.recovery());
            problems.positiveDuration(at + "/window", l.window());
            if (l.latencyFactor() != null && l.latencyFactor() <= 1.0) {
                problems.add(at + "/latency_factor", "must be above 1 (was " + l.latencyFactor() + ")");
            }
            if (l.minVolume() != null) {
                problems.positive(at + "/min_volume", l.minVolume());
            }
        });
    }

    private static int nz(Integer i) {
        return i == null ? 1 : i;
    }

    private static String percent(double d) {
        return Math.round(d * 100) + "%";
    }

    private record Problems(String source, Map<String, Integer> lines, List<PolicyException.Problem> out) {

        void positiveDuration(String pointer, Duration d) {
            if (d != null && (d.isZero() || d.isNegative())) {
                add(pointer, "must be longer than zero");
            }
        }

        void add(String pointer, String reason) {
            out.add(new PolicyException.Problem(source, lineOf(lines, pointer), keyOf(pointer), reason));
        }

        void positive(String pointer, int value) {
            if (value <= 0) {
                add(pointer, "must be a positive integer (was " + value + ")");
            }
        }

        private static String keyOf(String pointer) {
            if (pointer.isEmpty()) {
                return "";
            }
            StringBuilder sb = new StringBuilder();
            for (String part : pointer.substring(1).split("/")) {
                if (part.chars().allMatch(Character::isDigit)) {
                    sb.append('[').append(part).append(']');
                } else {
                    if (sb.length() > 0) {
                        sb.append('.');
                    }
                    sb.append(part);
                }
            }
            return sb.toString();
        }
    }
}
