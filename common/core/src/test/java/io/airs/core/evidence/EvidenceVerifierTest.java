package io.airs.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.airs.core.evidence.VerificationResult.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EvidenceVerifierTest {

    private static final int N = 8;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EvidenceCodec codec = new EvidenceCodec();
    private final EvidenceVerifier verifier = new EvidenceVerifier();

    @TempDir
    Path dir;

    @Test
    void anUntouchedChainVerifiesFromFileAndFromList() throws IOException {
        List<EvidenceRecord> chain = EvidenceFixtures.chain(N);
        VerificationResult fromList = verifier.verify(chain);
        VerificationResult fromFile = verifier.verify(write(lines(chain)));
        for (VerificationResult r : List.of(fromList, fromFile)) {
            assertThat(r.valid()).isTrue();
            assertThat(r.failure()).isNull();
            assertThat(r.recordsVerified()).isEqualTo(N);
            assertThat(r.head()).isEqualTo(ChainHead.after(chain.get(N - 1)));
        }
    }

    @Test
    void anEmptyChainVerifiesWithTheGenesisHead() throws IOException {
        VerificationResult r = verifier.verify(write(List.of()));
        assertThat(r.valid()).isTrue();
        assertThat(r.recordsVerified()).isZero();
        assertThat(r.headHash()).isEqualTo(EvidenceRecord.GENESIS_HASH);
    }

    /** Every leaf of every record, each changed to another well-formed value. */
    static Stream<Arguments> everyFieldOfEveryRecord() {
        List<EvidenceRecord> chain = EvidenceFixtures.chain(N);
        EvidenceCodec codec = new EvidenceCodec();
        List<Arguments> out = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            for (String path : leafPaths(readTree(codec.write(chain.get(i))), "")) {
                if (!path.equals("/v")) {
                    out.add(Arguments.of(i, path));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "record {0} {1}")
    @MethodSource("everyFieldOfEveryRecord")
    void changingAnyFieldOfAnyRecordIsReportedAsChangedAtThatLine(int index, String path) throws IOException {
        List<String> lines = lines(EvidenceFixtures.chain(N));
        ObjectNode tree = (ObjectNode) readTree(lines.get(index));
        mutateLeaf(tree, path);
        lines.set(index, JSON.writeValueAsString(tree));

        VerificationResult r = verifier.verify(write(lines));

        assertThat(r.valid()).isFalse();
        assertThat(r.failure().problem()).isEqualTo(Problem.HASH_MISMATCH);
        assertThat(r.failure().line()).isEqualTo(index + 1);
        assertThat(r.recordsVerified()).isEqualTo(index);
    }

    @Test
    void addingOrRemovingListAndMapEntriesIsReportedAsChanged() throws IOException {
        List<Function<ObjectNode, ObjectNode>> edits = List.of(
                t -> {
                    ((ArrayNode) t.get("findings")).remove(0);
                    return t;
                },
                t -> {
                    ((ArrayNode) t.get("checks")).add(t.get("checks").get(0).deepCopy());
                    return t;
                },
                t -> {
                    ((ObjectNode) t.get("extra")).put("escalation", "none");
                    return t;
                },
                t -> {
                    ((ArrayNode) t.get("findings")).removeAll();
                    return t;
                });
        for (var edit : edits) {
            List<String> lines = lines(EvidenceFixtures.chain(N));
            lines.set(3, JSON.writeValueAsString(edit.apply((ObjectNode) readTree(lines.get(3)))));
            VerificationResult r = verifier.verify(write(lines));
            assertThat(r.failure().problem()).isEqualTo(Problem.HASH_MISMATCH);
            assertThat(r.failure().line()).isEqualTo(4);
        }
    }

    @Test
    void smugglingAKeyIntoARecordIsAParseError() throws IOException {
        List<String> lines = lines(EvidenceFixtures.chain(N));
        ObjectNode t = (ObjectNode) readTree(lines.get(2));
        t.put("raw_prompt", "anything");
        lines.set(2, JSON.writeValueAsString(t));
        VerificationResult r = verifier.verify(write(lines));
        assertThat(r.failure().problem()).isEqualTo(Problem.PARSE_ERROR);
        assertThat(r.failure().line()).isEqualTo(3);
        assertThat(r.failure().seq()).isEqualTo(2);
    }

    @Test
    void removingARecordIsReportedWhereTheGapIs() throws IOException {
        for (int i = 0; i < N - 1; i++) {
            List<String> lines = lines(EvidenceFixtures.chain(N));
            lines.remove(i);
            VerificationResult r = verifier.verify(write(lines));
            assertThat(r.failure().problem()).isEqualTo(Problem.SEQ_GAP);
            assertThat(r.failure().line()).isEqualTo(i + 1);
            assertThat(r.failure().seq()).isEqualTo(i + 1);
            assertThat(r.failure().detail()).isEqualTo("expected seq " + i + ", found " + (i + 1));
        }
    }

    @Test
    void swappingTwoRecordsIsReportedAtTheFirstOfThem() throws IOException {
        for (int[] pair : new int[][] {{0, 1}, {2, 6}, {N - 2, N - 1}}) {
            List<String> lines = lines(EvidenceFixtures.chain(N));
            Collections.swap(lines, pair[0], pair[1]);
            VerificationResult r = verifier.verify(write(lines));
            assertThat(r.failure().problem()).isEqualTo(Problem.SEQ_GAP);
            assertThat(r.failure().line()).isEqualTo(pair[0] + 1);
        }
    }

    @Test
    void duplicatingARecordIsReportedAtTheCopy() throws IOException {
        for (int i = 0; i < N; i++) {
            List<String> lines = lines(EvidenceFixtures.chain(N));
            lines.add(i + 1, lines.get(i));
            VerificationResult r = verifier.verify(write(lines));
            assertThat(r.failure().problem()).isEqualTo(Problem.SEQ_GAP);
            assertThat(r.failure().line()).isEqualTo(i + 2);
            assertThat(r.recordsVerified()).isEqualTo(i + 1);
        }
    }

    @Test
    void aRecordResealedAfterAChangeBreaksTheNextLink() {
        List<EvidenceRecord> chain = new ArrayList<>(EvidenceFixtures.chain(N));
        EvidenceRecord old = chain.get(4);
        EvidenceDraft forged = EvidenceCodecTest.withExcerpt(old.draft(), "nothing to see");
        chain.set(4, codec.seal(forged, old.seq(), old.prevHash()));
        VerificationResult r = verifier.verify(chain);
        assertThat(r.failure().problem()).isEqualTo(Problem.PREV_HASH_MISMATCH);
        assertThat(r.failure().line()).isEqualTo(6);
        assertThat(r.failure().seq()).isEqualTo(5);
    }

    @Test
    void aCutTailIsDetectedOnlyAgainstTheExpectedHead() throws IOException {
        List<EvidenceRecord> chain = EvidenceFixtures.chain(N);
        ChainHead trusted = ChainHead.after(chain.get(N - 1));
        List<String> lines = lines(chain).subList(0, N - 2);

        assertThat(verifier.verify(write(lines)).valid()).isTrue();

        VerificationResult r =
                verifier.verify(write(lines), VerificationOptions.defaults().withExpectedHead(trusted));
        assertThat(r.failure().problem()).isEqualTo(Problem.TRUNCATED);
        assertThat(r.failure().line()).isEqualTo(N - 1);
        assertThat(r.failure().seq()).isEqualTo(N - 2);
        assertThat(r.recordsVerified()).isEqualTo(N - 2);

        VerificationResult all =
                verifier.verify(chain, VerificationOptions.defaults().withExpectedHead(trusted));
        assertThat(all.valid()).isTrue();
        VerificationResult older =
                verifier.verify(chain, VerificationOptions.defaults().withExpectedHead(ChainHead.after(chain.get(3))));
        assertThat(older.valid())
                .as("a chain that grew past an older trusted head")
                .isTrue();
    }

    @Test
    void aRewrittenChainIsDetectedAgainstTheExpectedHead() {
        List<EvidenceRecord> chain = EvidenceFixtures.chain(N);
        ChainHead trusted = ChainHead.after(chain.get(N - 1));
        InMemoryEvidenceSink forger = new InMemoryEvidenceSink(N);
        List<EvidenceRecord> rewritten = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            EvidenceDraft d = chain.get(i).draft();
            rewritten.add(forger.append(i == 5 ? EvidenceCodecTest.withExcerpt(d, "rewritten") : d));
        }
        assertThat(verifier.verify(rewritten).valid()).isTrue();
        VerificationResult r =
                verifier.verify(rewritten, VerificationOptions.defaults().withExpectedHead(trusted));
        assertThat(r.failure().problem()).isEqualTo(Problem.HEAD_MISMATCH);
        assertThat(r.failure().line()).isEqualTo(N);
    }

    @Test
    void aRotatedFileVerifiesFromItsAnchor() {
        List<EvidenceRecord> chain = EvidenceFixtures.chain(N);
        List<EvidenceRecord> second = chain.subList(3, N);
        ChainHead anchor = ChainHead.after(chain.get(2));

        assertThat(verifier.verify(second).failure().problem()).isEqualTo(Problem.SEQ_GAP);
        assertThat(verifier.verify(second, VerificationOptions.continuing(anchor))
                        .valid())
                .isTrue();
        VerificationResult rotated = verifier.verify(second, VerificationOptions.rotated(anchor.hash()));
        assertThat(rotated.valid()).isTrue();
        assertThat(rotated.recordsVerified()).isEqualTo(N - 3);

        VerificationResult wrongAnchor =
                verifier.verify(second, VerificationOptions.rotated(chain.get(1).hash()));
        assertThat(wrongAnchor.failure().problem()).isEqualTo(Problem.PREV_HASH_MISMATCH);
        assertThat(wrongAnchor.failure().line()).isEqualTo(1);
    }

    @Test
    void aBrokenLineIsAParseErrorAtThatLine() throws IOException {
        List<String> lines = lines(EvidenceFixtures.chain(N));
        lines.set(5, lines.get(5).substring(0, 40));
        VerificationResult r = verifier.verify(write(lines));
        assertThat(r.failure().problem()).isEqualTo(Problem.PARSE_ERROR);
        assertThat(r.failure().line()).isEqualTo(6);
        assertThat(r.failure().seq()).isEqualTo(5);
        assertThat(r.recordsVerified()).isEqualTo(5);
        assertThat(r.headHash()).isEqualTo(EvidenceFixtures.chain(N).get(4).hash());

        List<String> blank = lines(EvidenceFixtures.chain(N));
        blank.add(2, "");
        assertThat(verifier.verify(write(blank)).failure().line()).isEqualTo(3);
    }

    @Test
    void invalidUtf8IsAParseError() throws IOException {
        List<String> lines = lines(EvidenceFixtures.chain(3));
        Path file = write(lines);
        byte[] bytes = Files.readAllBytes(file);
        byte[] bad = new byte[bytes.length + 2];
        System.arraycopy(bytes, 0, bad, 0, bytes.length);
        bad[bytes.length] = (byte) 0xC3;
        bad[bytes.length + 1] = (byte) 0x28;
        Files.write(file, bad);
        VerificationResult r = verifier.verify(file);
        assertThat(r.failure().problem()).isEqualTo(Problem.PARSE_ERROR);
        assertThat(r.recordsVerified()).isLessThanOrEqualTo(3);
    }

    @Test
    void failureDetailsNeverRepeatRecordContent() throws IOException {
        List<String> lines = lines(EvidenceFixtures.chain(N));
        String marker = "sk-THIS-IS-CONTENT";
        List<String> variants = List.of(
                lines.get(2).replace("please [EMAIL]", marker),
                lines.get(2).replace("\"stage\":\"output\"", "\"stage\":\"" + marker + "\""),
                lines.get(2).substring(0, 30) + marker);
        for (String v : variants) {
            List<String> copy = new ArrayList<>(lines);
            copy.set(2, v);
            VerificationResult r = verifier.verify(write(copy));
            assertThat(r.valid()).isFalse();
            assertThat(r.failure().detail()).doesNotContain(marker);
        }
    }

    // ---- helpers

    private List<String> lines(List<EvidenceRecord> chain) {
        List<String> out = new ArrayList<>();
        for (EvidenceRecord r : chain) {
            out.add(codec.write(r));
        }
        return out;
    }

    private Path write(List<String> lines) throws IOException {
        Path f = Files.createTempFile(dir, "evidence", ".jsonl");
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            b.append(l).append('\n');
        }
        Files.writeString(f, b, StandardCharsets.UTF_8);
        return f;
    }

    private static JsonNode readTree(String s) {
        try {
            return JSON.readTree(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> leafPaths(JsonNode n, String prefix) {
        List<String> out = new ArrayList<>();
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> out.addAll(leafPaths(e.getValue(), prefix + "/" + e.getKey())));
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                out.addAll(leafPaths(n.get(i), prefix + "/" + i));
            }
        } else {
            out.add(prefix);
        }
        return out;
    }

    private static final Map<String, List<String>> ALTERNATIVES = Map.of(
            "stage", List.of("input", "context", "output", "tool_call"),
            "decision", List.of("ALLOW", "MODIFY", "ESCALATE", "BLOCK"),
            "risk_tier", List.of("LOW", "MEDIUM", "HIGH", "CRITICAL"),
            "action", List.of("allow", "redact", "escalate", "block"),
            "category", List.of("prompt_injection", "jailbreak", "pii", "secret"));

    /** Changes the leaf at {@code path} to a different value the codec still accepts. */
    private static void mutateLeaf(ObjectNode root, String path) {
        int cut = path.lastIndexOf('/');
        JsonNode parent = root.at(path.substring(0, cut));
        String key = path.substring(cut + 1);
        JsonNode old = root.at(path);
        String field = parent.isArray() ? "" : key;
        JsonNode replacement;
        if (old.isNull()) {
            replacement = TextNode.valueOf("set-" + field);
        } else if (ALTERNATIVES.containsKey(field)) {
            List<String> alts = ALTERNATIVES.get(field);
            replacement = TextNode.valueOf(alts.get((alts.indexOf(old.asText()) + 1) % alts.size()));
        } else if (field.equals("timestamp")) {
            replacement =
                    TextNode.valueOf(Instant.parse(old.asText()).plusSeconds(1).toString());
        } else if (old.isTextual() && Sha256.isHex64(old.asText())) {
            String s = old.asText();
            replacement = TextNode.valueOf(s.substring(0, 63) + (s.charAt(63) == 'f' ? '0' : 'f'));
        } else if (old.isTextual()) {
            replacement = TextNode.valueOf(old.asText() + "x");
        } else if (field.equals("score")) {
            double s = old.asDouble();
            replacement = JSON.getNodeFactory().numberNode(s < 0.5 ? s + 0.25 : s - 0.25);
        } else if (field.equals("start")) {
            replacement = JSON.getNodeFactory().numberNode(old.asLong() - 1);
        } else if (old.isIntegralNumber()) {
            replacement = JSON.getNodeFactory().numberNode(old.asLong() + 1);
        } else {
            throw new IllegalArgumentException("no mutation for " + path);
        }
        if (parent instanceof ObjectNode o) {
            o.set(key, replacement);
        } else {
            ((ArrayNode) parent).set(Integer.parseInt(key), replacement);
        }
    }
}
