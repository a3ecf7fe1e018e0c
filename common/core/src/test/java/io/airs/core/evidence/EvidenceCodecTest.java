package io.airs.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airs.core.Action;
import io.airs.core.CheckResult;
import io.airs.core.Decision;
import io.airs.core.RiskTier;
import io.airs.core.Stage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvidenceCodecTest {

    private final EvidenceCodec codec = new EvidenceCodec();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void readsBackEveryRecordItWrites() {
        for (EvidenceRecord r : EvidenceFixtures.chain(12)) {
            assertThat(codec.read(codec.write(r))).isEqualTo(r);
        }
    }

    @Test
    void writesSnakeCaseKeysOnTheWire() throws Exception {
        JsonNode n = json.readTree(codec.write(EvidenceFixtures.chain(1).get(0)));
        assertThat(iterable(n.fieldNames()))
                .containsExactly(
                        "checks",
                        "content_hash",
                        "decision",
                        "extra",
                        "findings",
                        "hash",
                        "identities",
                        "model",
                        "policy_revision",
                        "prev_hash",
                        "reason",
                        "record_id",
                        "redacted_excerpt",
                        "request_id",
                        "risk_tier",
                        "seq",
                        "stage",
                        "timestamp",
                        "v");
        assertThat(iterable(n.get("checks").get(0).fieldNames()))
                .containsExactly("action", "check", "detector", "latency_ns", "score", "verdict");
        assertThat(iterable(n.get("findings").get(0).fieldNames()))
                .containsExactly("category", "detector", "end", "score", "start", "type");
        assertThat(n.get("timestamp").asText()).isEqualTo("2025-03-01T12:00:00.123456Z");
        assertThat(n.get("stage").asText()).isEqualTo("input");
        assertThat(n.get("checks").get(0).get("action").asText()).isEqualTo("block");
        assertThat(n.get("prev_hash").asText()).isEqualTo(EvidenceRecord.GENESIS_HASH);
    }

    @Test
    void canonicalFormSortsKeysAtEveryLevelHasNoWhitespaceAndOmitsOnlyTheHash() throws Exception {
        EvidenceRecord r = EvidenceFixtures.chain(1).get(0);
        String canonical = codec.canonicalJson(r);
        JsonNode tree = json.readTree(canonical);
        assertSorted(tree);
        assertThat(tree.has("hash")).isFalse();
        assertThat(canonical).doesNotContain(": ").doesNotContain(", ").doesNotContain("\n");
        ObjectNode wire = (ObjectNode) json.readTree(codec.write(r));
        wire.remove("hash");
        assertThat(json.writeValueAsString(wire)).isEqualTo(canonical);
    }

    @Test
    void canonicalFormEqualsJacksonWithSortedMapEntries() throws Exception {
        ObjectMapper sorted = JsonMapper.builder()
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
                .build();
        for (EvidenceRecord r : EvidenceFixtures.chain(6)) {
            String canonical = codec.canonicalJson(r);
            Map<?, ?> asMap = sorted.readValue(canonical, Map.class);
            assertThat(sorted.writeValueAsString(asMap)).isEqualTo(canonical);
        }
    }

    @Test
    void hashIsSha256OfPrevHashFollowedByCanonicalJson() throws Exception {
        for (EvidenceRecord r : EvidenceFixtures.chain(3)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(r.prevHash().getBytes(StandardCharsets.US_ASCII));
            md.update(codec.canonicalJson(r).getBytes(StandardCharsets.UTF_8));
            assertThat(r.hash()).isEqualTo(HexFormat.of().formatHex(md.digest()));
            assertThat(codec.computeHash(r)).isEqualTo(r.hash());
        }
    }

    @Test
    void canonicalFormOfAFixedRecordNeverChanges() {
        // Pins the canonical form: if this hash moves, every stored chain stops verifying.
        EvidenceRecord r = codec.seal(EvidenceFixtures.draft(7), 41, "ab".repeat(32));
        assertThat(codec.canonicalJson(r))
                .isEqualTo("{\"checks\":[{\"action\":\"block\",\"check\":\"injection\",\"detector\":\"heuristic-v1\","
                        + "\"latency_ns\":4217,\"score\":0.93,\"verdict\":\"fired\"},{\"action\":\"allow\","
                        + "\"check\":\"pii\",\"detector\":\"pii-v1\",\"latency_ns\":1005,\"score\":0,"
                        + "\"verdict\":\"pass\"}],\"content_hash\":\""
                        + EvidenceDraft.hashContent("synthetic content 7")
                        + "\",\"decision\":\"BLOCK\",\"extra\":{},\"findings\":[{\"category\":\"prompt_injection\","
                        + "\"detector\":\"heuristic-v1\",\"end\":37,\"score\":0.93,\"start\":8,\"type\":\"override\"},"
                        + "{\"category\":\"pii\",\"detector\":\"pii-v1\",\"end\":58,\"score\":1,\"start\":40,"
                        + "\"type\":\"EMAIL\"}],\"identities\":{\"agent\":null,\"session\":\"sess-1\","
                        + "\"tenant\":\"tenant-x\",\"user\":\"user-1\"},\"model\":\"model-1\",\"policy_revision\":"
                        + "\"rev-2f1c\",\"prev_hash\":\"" + "ab".repeat(32) + "\",\"reason\":\"prompt_injection\","
                        + "\"record_id\":\"dec-7\",\"redacted_excerpt\":\"please [EMAIL] ignore ... 7\","
                        + "\"request_id\":\"req-7\",\"risk_tier\":\"CRITICAL\",\"seq\":41,\"stage\":\"tool_call\","
                        + "\"timestamp\":\"2025-03-01T12:00:00.382456Z\",\"v\":1}");
        assertThat(r.hash()).isEqualTo(codec.computeHash(r));
    }

    @Test
    void writesScoresAsPlainDecimalsThatReadBackExactly() throws Exception {
        double[] scores = {0.0, 1.0, 0.5, 0.93, 0.0005, 1e-9, 0.1 + 0.2, 0.30000000000000004};
        for (double s : scores) {
            var draft = withCheckScore(EvidenceFixtures.draft(1), s);
            EvidenceRecord r = codec.seal(draft, 0, EvidenceRecord.GENESIS_HASH);
            String line = codec.write(r);
            String written = line.substring(line.indexOf("\"score\":") + 8, line.indexOf(",\"verdict\""));
            assertThat(written).matches("0|1|0\\.[0-9]*[1-9]");
            assertThat(Double.parseDouble(written)).isEqualTo(s);
            assertThat(codec.read(line).checks().get(0).score()).isEqualTo(s);
            assertThat(codec.computeHash(codec.read(line))).isEqualTo(r.hash());
        }
    }

    @Test
    void rejectsUnknownDuplicateMissingAndTrailingContent() throws Exception {
        String line = codec.write(EvidenceFixtures.chain(1).get(0));
        ObjectNode extraKey = (ObjectNode) json.readTree(line);
        extraKey.put("smuggled", "x");
        assertThatThrownBy(() -> codec.read(json.writeValueAsString(extraKey)))
                .isInstanceOf(EvidenceFormatException.class)
                .hasMessageContaining("unknown key 'smuggled'");
        ObjectNode missing = (ObjectNode) json.readTree(line);
        missing.remove("request_id");
        assertThatThrownBy(() -> codec.read(json.writeValueAsString(missing)))
                .isInstanceOf(EvidenceFormatException.class)
                .hasMessageContaining("request_id");
        assertThatThrownBy(() -> codec.read(line.replace("{\"checks\"", "{\"v\":1,\"checks\"")))
                .isInstanceOf(EvidenceFormatException.class);
        assertThatThrownBy(() -> codec.read(line + " {}")).isInstanceOf(EvidenceFormatException.class);
        assertThatThrownBy(() -> codec.read(line.replace("\"v\":1", "\"v\":2"))).hasMessageContaining("version");
        assertThatThrownBy(() -> codec.read("")).isInstanceOf(EvidenceFormatException.class);
    }

    @Test
    void parseErrorsNeverQuoteTheLine() {
        String secretish = "sk-live-THIS-MUST-NOT-LEAK";
        for (String bad : List.of(
                "{\"v\":1," + secretish,
                secretish,
                "{\"v\":1,\"seq\":\"" + secretish + "\"}",
                codec.write(EvidenceFixtures.chain(1).get(0))
                        .replace("\"stage\":\"input\"", "\"stage\":\"" + secretish + "\""))) {
            assertThatThrownBy(() -> codec.read(bad))
                    .isInstanceOf(EvidenceFormatException.class)
                    .message()
                    .doesNotContain(secretish);
        }
    }

    @Test
    void draftCutsLongExcerptsWithoutSplittingASurrogatePair() {
        String longExcerpt = "x".repeat(EvidenceDraft.MAX_EXCERPT_CHARS - 1) + "\uD83D\uDE00tail";
        var d = withExcerpt(EvidenceFixtures.draft(0), longExcerpt);
        assertThat(d.redactedExcerpt()).hasSize(EvidenceDraft.MAX_EXCERPT_CHARS - 1);
        var exact = withExcerpt(EvidenceFixtures.draft(0), "y".repeat(300));
        assertThat(exact.redactedExcerpt()).hasSize(EvidenceDraft.MAX_EXCERPT_CHARS);
    }

    @Test
    void draftRepairsLoneSurrogatesSoEvidenceCanAlwaysBeWritten() {
        var d = withExcerpt(EvidenceFixtures.draft(0), "bad \uD800 half");
        EvidenceRecord r = codec.seal(d, 0, EvidenceRecord.GENESIS_HASH);
        assertThat(r.redactedExcerpt()).isEqualTo("bad \uFFFD half");
        assertThat(codec.read(codec.write(r))).isEqualTo(r);
        String escapedLone = codec.write(r).replace("\uFFFD", "\\ud800");
        assertThatThrownBy(() -> codec.read(escapedLone)).isInstanceOf(EvidenceFormatException.class);
    }

    @Test
    void draftRejectsBadShapes() {
        var d = EvidenceFixtures.draft(0);
        assertThatThrownBy(() -> withCheckScore(d, Double.NaN)).hasMessageContaining("finite");
        assertThatThrownBy(() -> new EvidenceDraft(
                        d.recordId(),
                        d.requestId(),
                        d.timestamp(),
                        d.identities(),
                        d.model(),
                        d.policyRevision(),
                        d.riskTier(),
                        d.stage(),
                        "MAYBE",
                        d.reason(),
                        d.checks(),
                        d.findings(),
                        d.contentHash(),
                        d.redactedExcerpt(),
                        d.extra()))
                .hasMessageContaining("decision");
        assertThatThrownBy(() -> new EvidenceDraft(
                        d.recordId(),
                        d.requestId(),
                        d.timestamp(),
                        d.identities(),
                        d.model(),
                        d.policyRevision(),
                        d.riskTier(),
                        d.stage(),
                        d.decision(),
                        d.reason(),
                        d.checks(),
                        d.findings(),
                        "raw content is not a hash",
                        d.redactedExcerpt(),
                        d.extra()))
                .hasMessageContaining("contentHash");
    }

    @Test
    void buildsADraftFromADecision() {
        var checks = List.of(new CheckResult("injection", "h1", CheckResult.FIRED, Action.BLOCK, 0.9, 100));
        Decision block = new Decision.Block("d-1", "rev-9", Stage.INPUT, List.of(), checks, "prompt_injection");
        var d = EvidenceDraft.fromDecision(
                block,
                "r-1",
                EvidenceFixtures.T0,
                Identities.none(),
                null,
                RiskTier.HIGH,
                EvidenceDraft.hashContent("x"),
                null,
                Map.of("pace", "primary"));
        assertThat(d.recordId()).isEqualTo("d-1");
        assertThat(d.policyRevision()).isEqualTo("rev-9");
        assertThat(d.decision()).isEqualTo("BLOCK");
        assertThat(d.reason()).isEqualTo("prompt_injection");
        assertThat(d.checks()).isEqualTo(checks);
        assertThat(d.withExtra("ticket", "T-1").extra())
                .containsEntry("ticket", "T-1")
                .containsEntry("pace", "primary");
        Decision allow = new Decision.Allow("d-2", "rev-9", Stage.OUTPUT, List.of(), List.of());
        assertThat(EvidenceDraft.fromDecision(
                                allow,
                                "r-2",
                                EvidenceFixtures.T0,
                                Identities.none(),
                                "m",
                                RiskTier.LOW,
                                EvidenceDraft.hashContent("y"),
                                "",
                                Map.of())
                        .reason())
                .isNull();
    }

    static EvidenceDraft withCheckScore(EvidenceDraft d, double score) {
        var checks = new ArrayList<>(d.checks());
        CheckResult c = checks.get(0);
        checks.set(0, new CheckResult(c.check(), c.detector(), c.verdict(), c.action(), score, c.latencyNanos()));
        return new EvidenceDraft(
                d.recordId(),
                d.requestId(),
                d.timestamp(),
                d.identities(),
                d.model(),
                d.policyRevision(),
                d.riskTier(),
                d.stage(),
                d.decision(),
                d.reason(),
                checks,
                d.findings(),
                d.contentHash(),
                d.redactedExcerpt(),
                d.extra());
    }

    static EvidenceDraft withExcerpt(EvidenceDraft d, String excerpt) {
        return new EvidenceDraft(
                d.recordId(),
                d.requestId(),
                d.timestamp(),
                d.identities(),
                d.model(),
                d.policyRevision(),
                d.riskTier(),
                d.stage(),
                d.decision(),
                d.reason(),
                d.checks(),
                d.findings(),
                d.contentHash(),
                excerpt,
                d.extra());
    }

    private static void assertSorted(JsonNode n) {
        if (n.isObject()) {
            List<String> keys = iterable(n.fieldNames());
            assertThat(keys).isSorted();
            n.forEach(EvidenceCodecTest::assertSorted);
        } else if (n.isArray()) {
            n.forEach(EvidenceCodecTest::assertSorted);
        }
    }

    private static List<String> iterable(Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
