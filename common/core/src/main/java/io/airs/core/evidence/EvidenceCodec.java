package io.airs.core.evidence;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airs.core.Action;
import io.airs.core.Category;
import io.airs.core.CheckResult;
import io.airs.core.Finding;
import io.airs.core.RiskTier;
import io.airs.core.Stage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * JSON form of evidence records, one record per line, and the canonical form that is hashed.
 *
 * <p>Wire keys are snake_case: {@code v} (format version, 1), {@code seq}, {@code record_id},
 * {@code request_id}, {@code timestamp} (ISO-8601, as {@link Instant#toString()}), {@code
 * identities} ({@code user}, {@code agent}, {@code session}, {@code tenant}), {@code model}, {@code
 * policy_revision}, {@code risk_tier} ({@code LOW}..{@code CRITICAL}), {@code stage} (wire name),
 * {@code decision}, {@code reason}, {@code checks} (each {@code check}, {@code detector}, {@code
 * verdict}, {@code action} (wire name), {@code score}, {@code latency_ns}), {@code findings} (each
 * {@code category}, {@code type}, {@code start}, {@code end}, {@code score}, {@code detector}),
 * {@code content_hash}, {@code redacted_excerpt}, {@code extra}, {@code prev_hash}, {@code hash}.
 * Check latency stays in integer nanoseconds ({@code latency_ns}) so that it hashes exactly.
 *
 * <p>The canonical form is the same JSON without {@code hash}: keys sorted at every level (by
 * {@link String#compareTo}, the order of Jackson's {@code ORDER_MAP_ENTRIES_BY_KEYS}), no
 * whitespace, absent optional values written as {@code null}, integers as integers and scores as
 * the shortest plain decimal that reads back to the same {@code double} ({@code 1}, {@code 0.93},
 * {@code 0.0005}, never an exponent). Every line this codec writes is the canonical form plus the
 * {@code hash} key, so another verifier can drop {@code hash} from the line as written (numbers
 * kept as their text) and hash the rest.
 *
 * <p>Reading is strict: unknown or duplicate keys, missing required keys and values of the wrong
 * type are {@link EvidenceFormatException}s, so nothing can ride along in a record unhashed. The
 * codec is immutable and thread-safe.
 */
public final class EvidenceCodec {

    /** The format version written in every record's {@code v} key. */
    public static final int FORMAT_VERSION = 1;

    private final JsonFactory factory;
    private final ObjectMapper mapper;

    public EvidenceCodec() {
        this.factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .build();
        this.mapper = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /** The record as one line of JSON, without a line terminator. */
    public String write(EvidenceRecord record) {
        return new String(
                serialize(record.draft(), record.seq(), record.prevHash(), record.hash()), StandardCharsets.UTF_8);
    }

    /** The canonical JSON that {@link EvidenceRecord#hash()} covers: the record without {@code hash}. */
    public String canonicalJson(EvidenceRecord record) {
        return new String(canonicalBytes(record), StandardCharsets.UTF_8);
    }

    /** The canonical JSON in UTF-8. */
    public byte[] canonicalBytes(EvidenceRecord record) {
        return serialize(record.draft(), record.seq(), record.prevHash(), null);
    }

    /** The hash {@code record} should carry given its content and {@code prevHash}. */
    public String computeHash(EvidenceRecord record) {
        return hash(record.prevHash(), canonicalBytes(record));
    }

    /** Seals {@code draft} at {@code seq} after {@code prevHash}, computing its hash. */
    public EvidenceRecord seal(EvidenceDraft draft, long seq, String prevHash) {
        return sealLine(draft, seq, prevHash).record();
    }

    /** A sealed record together with its line (UTF-8, newline-terminated), built in one pass. */
    record SealedLine(EvidenceRecord record, byte[] line) {}

    SealedLine sealLine(EvidenceDraft draft, long seq, String prevHash) {
        EvidenceRecord.requireHash(prevHash, "prevHash");
        int[] hashAt = new int[1];
        byte[] canonical = serialize(draft, seq, prevHash, null, hashAt);
        String hash = hash(prevHash, canonical);
        EvidenceRecord record = EvidenceRecord.of(draft, seq, prevHash, hash);
        // The line is the canonical bytes with the hash key spliced in at its sorted place, which
        // saves serialising the record twice on the decision path.
        byte[] field = (",\"hash\":\"" + hash + '"').getBytes(StandardCharsets.US_ASCII);
        int at = hashAt[0];
        byte[] line = new byte[canonical.length + field.length + 1];
        System.arraycopy(canonical, 0, line, 0, at);
        System.arraycopy(field, 0, line, at, field.length);
        System.arraycopy(canonical, at, line, at + field.length, canonical.length - at);
        line[line.length - 1] = '\n';
        return new SealedLine(record, line);
    }

    /**
     * Reads one record from a line of JSON (a trailing line terminator is allowed).
     *
     * @throws EvidenceFormatException when the line is not a well-formed record
     */
    public EvidenceRecord read(String line) {
        JsonNode root;
        try {
            root = mapper.readTree(line);
        } catch (JsonProcessingException e) {
            // Jackson's own message quotes the offending text; report the position only.
            var loc = e.getLocation();
            throw new EvidenceFormatException(
                    loc == null ? "malformed JSON" : "malformed JSON at column " + loc.getColumnNr());
        }
        if (root == null || root.isMissingNode()) {
            throw new EvidenceFormatException("empty line");
        }
        Obj o = new Obj(root, "record");
        long version = o.longValue("v");
        if (version != FORMAT_VERSION) {
            throw new EvidenceFormatException("unsupported format version " + version);
        }
        long seq = o.longValue("seq");
        String recordId = o.text("record_id");
        String requestId = o.text("request_id");
        Instant timestamp;
        try {
            timestamp = Instant.parse(o.text("timestamp"));
        } catch (DateTimeParseException e) {
            throw new EvidenceFormatException("timestamp is not an ISO-8601 instant");
        }
        Obj ids = new Obj(o.get("identities"), "identities");
        Identities identities = new Identities(
                ids.optionalText("user"),
                ids.optionalText("agent"),
                ids.optionalText("session"),
                ids.optionalText("tenant"));
        ids.done();
        String model = o.optionalText("model");
        String policyRevision = o.text("policy_revision");
        RiskTier riskTier = named("risk_tier", () -> RiskTier.valueOf(o.text("risk_tier")));
        Stage stage = named("stage", () -> strictStage(o.text("stage")));
        String decision = o.text("decision");
        String reason = o.optionalText("reason");
        List<CheckResult> checks = new ArrayList<>();
        for (JsonNode n : o.array("checks")) {
            Obj c = new Obj(n, "check");
            checks.add(new CheckResult(
                    c.text("check"),
                    c.text("detector"),
                    c.text("verdict"),
                    named("check action", () -> strictAction(c.text("action"))),
                    c.doubleValue("score"),
                    c.longValue("latency_ns")));
            c.done();
        }
        List<Finding> findings = new ArrayList<>();
        for (JsonNode n : o.array("findings")) {
            Obj f = new Obj(n, "finding");
            Category category = named("finding category", () -> Category.fromWire(f.text("category")));
            findings.add(parse(
                    "finding",
                    () -> new Finding(
                            category,
                            f.text("type"),
                            f.intValue("start"),
                            f.intValue("end"),
                            f.doubleValue("score"),
                            f.text("detector"))));
            f.done();
        }
        String contentHash = o.text("content_hash");
        String excerpt = o.optionalText("redacted_excerpt");
        Obj ex = new Obj(o.get("extra"), "extra");
        Map<String, String> extra = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = ex.node.fields(); it.hasNext(); ) {
            var e = it.next();
            if (!e.getValue().isTextual()) {
                throw new EvidenceFormatException("extra values must be strings");
            }
            extra.put(e.getKey(), e.getValue().textValue());
        }
        String prevHash = o.text("prev_hash");
        String hash = o.text("hash");
        o.done();
        return parse(
                "record",
                () -> new EvidenceRecord(
                        seq,
                        recordId,
                        requestId,
                        timestamp,
                        identities,
                        model,
                        policyRevision,
                        riskTier,
                        stage,
                        decision,
                        reason,
                        checks,
                        findings,
                        contentHash,
                        excerpt,
                        extra,
                        prevHash,
                        hash));
    }

    static String hash(String prevHash, byte[] canonical) {
        MessageDigest md = Sha256.digest();
        md.update(prevHash.getBytes(StandardCharsets.US_ASCII));
        md.update(canonical);
        return Sha256.hex(md.digest());
    }

    /**
     * Writes the record with keys in sorted order at every level (the order Jackson's {@code
     * ORDER_MAP_ENTRIES_BY_KEYS} gives), streaming, so sealing stays cheap on the decision path.
     * {@code hash} is left out of the canonical form by passing null.
     */
    private byte[] serialize(EvidenceDraft d, long seq, String prevHash, String hash) {
        return serialize(d, seq, prevHash, hash, null);
    }

    /** As above; when {@code hashAt} is given, stores the byte offset where {@code hash} belongs. */
    private byte[] serialize(EvidenceDraft d, long seq, String prevHash, String hash, int[] hashAt) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        try (JsonGenerator g = factory.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeArrayFieldStart("checks");
            for (CheckResult c : d.checks()) {
                g.writeStartObject();
                g.writeStringField("action", c.action().wireName());
                g.writeStringField("check", c.check());
                g.writeStringField("detector", c.detector());
                g.writeNumberField("latency_ns", c.latencyNanos());
                g.writeNumberField("score", number(c.score()));
                g.writeStringField("verdict", c.verdict());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeStringField("content_hash", d.contentHash());
            g.writeStringField("decision", d.decision());
            g.writeObjectFieldStart("extra");
            // The draft keeps extra in a sorted map; sort again only if a caller's map was not.
            Map<String, String> extra = d.extra() instanceof SortedMap<?, ?> ? d.extra() : new TreeMap<>(d.extra());
            for (Map.Entry<String, String> e : extra.entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeArrayFieldStart("findings");
            for (Finding f : d.findings()) {
                g.writeStartObject();
                g.writeStringField("category", f.category().wireName());
                g.writeStringField("detector", f.detector());
                g.writeNumberField("end", f.end());
                g.writeNumberField("score", number(f.score()));
                g.writeNumberField("start", f.start());
                g.writeStringField("type", f.type());
                g.writeEndObject();
            }
            g.writeEndArray();
            if (hash != null) {
                g.writeStringField("hash", hash);
            }
            if (hashAt != null) {
                g.flush();
                hashAt[0] = out.size();
            }
            g.writeObjectFieldStart("identities");
            g.writeStringField("agent", d.identities().agent());
            g.writeStringField("session", d.identities().session());
            g.writeStringField("tenant", d.identities().tenant());
            g.writeStringField("user", d.identities().user());
            g.writeEndObject();
            g.writeStringField("model", d.model());
            g.writeStringField("policy_revision", d.policyRevision());
            g.writeStringField("prev_hash", prevHash);
            g.writeStringField("reason", d.reason());
            g.writeStringField("record_id", d.recordId());
            g.writeStringField("redacted_excerpt", d.redactedExcerpt());
            g.writeStringField("request_id", d.requestId());
            g.writeStringField("risk_tier", d.riskTier().name());
            g.writeNumberField("seq", seq);
            g.writeStringField("stage", d.stage().wireName());
            g.writeStringField("timestamp", d.timestamp().toString());
            g.writeNumberField("v", FORMAT_VERSION);
            g.writeEndObject();
        } catch (IOException e) {
            // Writing well-formed strings and numbers to memory cannot fail.
            throw new IllegalStateException("cannot serialise evidence record", e);
        }
        return out.toByteArray();
    }

    /** The shortest plain decimal that reads back to {@code d}; stable across platforms. */
    private static BigDecimal number(double d) {
        BigDecimal b = BigDecimal.valueOf(d).stripTrailingZeros();
        return b.signum() == 0 ? BigDecimal.ZERO : b;
    }

    private static Stage strictStage(String s) {
        Stage stage = Stage.fromWire(s);
        if (!stage.wireName().equals(s)) {
            throw new IllegalArgumentException("stage not in wire form");
        }
        return stage;
    }

    private static Action strictAction(String s) {
        for (Action a : Action.values()) {
            if (a.wireName().equals(s)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown action");
    }

    private interface Parse<T> {
        T get();
    }

    /** Parses a named constant; the failure names the key but not the unknown value. */
    private static <T> T named(String key, Parse<T> p) {
        try {
            return p.get();
        } catch (EvidenceFormatException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new EvidenceFormatException("unknown " + key + " value");
        }
    }

    private static <T> T parse(String what, Parse<T> p) {
        try {
            return p.get();
        } catch (EvidenceFormatException e) {
            throw e;
        } catch (IllegalArgumentException | NullPointerException e) {
            // Messages from the value types name fields and bounds, not the record's content.
            throw new EvidenceFormatException("bad " + what + ": " + e.getMessage());
        }
    }

    /** Strict access to one JSON object: every key must be read, and each has its expected type. */
    private static final class Obj {
        final ObjectNode node;
        final String where;
        final Set<String> seen = new HashSet<>();

        Obj(JsonNode n, String where) {
            if (!(n instanceof ObjectNode o)) {
                throw new EvidenceFormatException(where + " must be a JSON object");
            }
            this.node = o;
            this.where = where;
        }

        JsonNode get(String key) {
            JsonNode v = node.get(key);
            if (v == null) {
                throw new EvidenceFormatException(where + " lacks key '" + key + "'");
            }
            seen.add(key);
            return v;
        }

        String text(String key) {
            JsonNode v = get(key);
            if (!v.isTextual()) {
                throw new EvidenceFormatException(where + " key '" + key + "' must be a string");
            }
            return v.textValue();
        }

        String optionalText(String key) {
            JsonNode v = node.get(key);
            seen.add(key);
            if (v == null || v.isNull()) {
                return null;
            }
            if (!v.isTextual()) {
                throw new EvidenceFormatException(where + " key '" + key + "' must be a string or null");
            }
            return v.textValue();
        }

        long longValue(String key) {
            JsonNode v = get(key);
            if (!v.isIntegralNumber() || !v.canConvertToLong()) {
                throw new EvidenceFormatException(where + " key '" + key + "' must be an integer");
            }
            return v.longValue();
        }

        int intValue(String key) {
            JsonNode v = get(key);
            if (!v.isIntegralNumber() || !v.canConvertToInt()) {
                throw new EvidenceFormatException(where + " key '" + key + "' must be a 32-bit integer");
            }
            return v.intValue();
        }

        double doubleValue(String key) {
            JsonNode v = get(key);
            if (!v.isNumber()) {
                throw new EvidenceFormatException(where + " key '" + key + "' must be a number");
            }
            return v.doubleValue();
        }

        ArrayNode array(String key) {
            JsonNode v = get(key);
            if (!(v instanceof ArrayNode a)) {
                throw new EvidenceFormatException(where + " key '" + key + "' must be an array");
            }
            return a;
        }

        void done() {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                if (!seen.contains(k)) {
                    String shown = k.length() > 40 ? k.substring(0, 40) + "..." : k;
                    throw new EvidenceFormatException(where + " has unknown key '" + shown + "'");
                }
            }
        }
    }
}
