package io.airs.core.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.airs.core.Action;
import io.airs.core.RiskTier;
import io.airs.core.Stage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Loads a policy from YAML or JSON, strictly: an unknown key, a wrong type or a value out of range is
 * an error naming the file, line, key and reason, never silently ignored.
 *
 * <pre>{@code
 * Policy p = new PolicyLoader().load(Path.of("policy.yaml")); // throws PolicyException
 * Policy d = PolicyLoader.defaultPolicy();
 * }</pre>
 */
public final class PolicyLoader {

    /** The detectors a check may name. */
    public static final Set<String> DETECTORS = Set.of("injection", "pii", "secret");

    /** The redaction modes a policy may name. */
    public static final Set<String> REDACTION_MODES = Set.of("mask", "placeholder", "pseudonym");

    private static final String DEFAULT_RESOURCE = "/io/airs/core/policy/default.yaml";

    private final ObjectMapper yaml;
    private final ObjectMapper json;
    private final ObjectMapper canonical;

    public PolicyLoader() {
        this.yaml = configure(YAMLMapper.builder(YAMLFactory.builder()
                        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                        .build()))
                .build();
        this.json = configure(JsonMapper.builder(JsonFactory.builder()
                        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                        .build()))
                .build();
        this.canonical = JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .build();
    }

    private static <M extends ObjectMapper, B extends com.fasterxml.jackson.databind.cfg.MapperBuilder<M, B>>
            B configure(B builder) {
        return builder.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
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
        try {
            lines = indexLines(mapper.getFactory(), text);
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
        Policy policy;
        try {
            policy = mapper.readValue(text, Policy.class);
        } catch (JsonMappingException e) {
            throw new PolicyException(List.of(describe(e, source, lines)));
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            throw new PolicyException(List.of(new PolicyException.Problem(
                    source, loc == null ? 0 : loc.getLineNr(), "", e.getOriginalMessage())));
        }
        if (policy == null) {
            throw new PolicyException(List.of(new PolicyException.Problem(source, 1, "", "the policy is empty")));
        }
        List<PolicyException.Problem> problems = new ArrayList<>();
        validate(policy, source, lines, problems);
        if (!problems.isEmpty()) {
            throw new PolicyException(problems);
        }
        return policy.withRevision(revisionOf(policy));
    }

    /** The revision hash: SHA-256 over the policy's canonical JSON, so layout and comments do not count. */
    public String revisionOf(Policy policy) {
        try {
            byte[] bytes = canonical.writeValueAsBytes(policy.withRevision(null));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash policy", e);
        }
    }

    /** The policy as canonical JSON (sorted keys, defaults filled in). */
    public String toCanonicalJson(Policy policy) {
        try {
            return canonical.writeValueAsString(policy.withRevision(null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
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

    private static PolicyException.Problem describe(JsonMappingException e, String source, Map<String, Integer> lines) {
        StringBuilder key = new StringBuilder();
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (key.length() > 0) {
                    key.append('.');
                }
                key.append(ref.getFieldName());
                pointer.append('/').append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                key.append('[').append(ref.getIndex()).append(']');
                pointer.append('/').append(ref.getIndex());
            }
        }
        int line = lineOf(lines, pointer.toString());
        if (line == 0 && e.getLocation() != null) {
            line = e.getLocation().getLineNr();
        }
        String reason;
        if (e instanceof UnrecognizedPropertyException u) {
            Collection<Object> known = u.getKnownPropertyIds();
            reason = "unknown key '" + u.getPropertyName() + "'"
                    + (known == null || known.isEmpty()
                            ? ""
                            : " (expected one of: "
                                    + new TreeSet<>(known.stream()
                                                    .map(String::valueOf)
                                                    .toList())
                                            .stream().collect(Collectors.joining(", "))
                                    + ")");
        } else if (e instanceof InvalidFormatException f
                && f.getTargetType() != null
                && f.getTargetType().isEnum()) {
            reason = "'" + f.getValue() + "' is not one of "
                    + java.util.Arrays.stream(f.getTargetType().getEnumConstants())
                            .map(c -> c.toString().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(", "));
        } else if (e instanceof InvalidFormatException f) {
            reason = "'" + f.getValue() + "' is not a valid " + simpleType(f.getTargetType());
        } else if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            reason = "expected " + simpleType(m.getTargetType());
        } else {
            reason = e.getOriginalMessage();
        }
        return new PolicyException.Problem(source, line, key.toString(), reason);
    }

    private static String simpleType(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Double.class || type == double.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type.isEnum()) {
            return "one of "
                    + java.util.Arrays.stream(type.getEnumConstants())
                            .map(c -> c.toString().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(", "));
        }
        return "a mapping";
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
                for (int t = 0; t < c.types().size(); t++) {
                    String type = c.types().get(t);
                    if (type == null || !type.matches("[A-Za-z][A-Za-z0-9_-]{0,63}")) {
                        problems.add(at + "/types/" + t, "'" + type + "' is not a finding type name");
                    }
                }
            }
        }
    }

    private record Problems(String source, Map<String, Integer> lines, List<PolicyException.Problem> out) {
        void add(String pointer, String reason) {
            out.add(new PolicyException.Problem(source, lineOf(lines, pointer), keyOf(pointer), reason));
        }

        void positive(String pointer, int value) {
            if (value <= 0) {
                add(pointer, "must be a positive integer (was " + value + ")");
            }
        }

        private static String keyOf(String pointer) {
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
