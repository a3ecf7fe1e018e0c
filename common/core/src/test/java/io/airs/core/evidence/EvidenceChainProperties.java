package io.airs.core.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import io.airs.core.Action;
import io.airs.core.Category;
import io.airs.core.CheckResult;
import io.airs.core.Finding;
import io.airs.core.RiskTier;
import io.airs.core.Stage;
import io.airs.core.evidence.VerificationResult.Problem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class EvidenceChainProperties {

    private final EvidenceCodec codec = new EvidenceCodec();
    private final EvidenceVerifier verifier = new EvidenceVerifier();

    enum Mutation {
        CHANGE,
        REMOVE,
        SWAP,
        DUPLICATE
    }

    @Property(tries = 300)
    void anUnmodifiedChainAlwaysVerifiesAfterAWireRoundTrip(@ForAll("drafts") List<EvidenceDraft> drafts) {
        List<EvidenceRecord> chain = seal(drafts);
        List<EvidenceRecord> reread = new ArrayList<>();
        for (EvidenceRecord r : chain) {
            reread.add(codec.read(codec.write(r)));
        }
        assertThat(reread).isEqualTo(chain);
        ChainHead head = ChainHead.after(chain.get(chain.size() - 1));
        VerificationResult result =
                verifier.verify(reread, VerificationOptions.defaults().withExpectedHead(head));
        assertThat(result.valid()).isTrue();
        assertThat(result.recordsVerified()).isEqualTo(chain.size());
        assertThat(result.head()).isEqualTo(head);
    }

    @Property(tries = 300)
    void aSingleMutationIsReportedAtOrBeforeTheMutatedPosition(
            @ForAll("drafts") List<EvidenceDraft> drafts,
            @ForAll Mutation mutation,
            @ForAll @IntRange(min = 0, max = 10_000) int a,
            @ForAll @IntRange(min = 0, max = 10_000) int b,
            @ForAll @IntRange(min = 0, max = 10_000) int field) {
        List<EvidenceRecord> chain = seal(drafts);
        ChainHead trusted = ChainHead.after(chain.get(chain.size() - 1));
        List<EvidenceRecord> tampered = new ArrayList<>(chain);
        int n = chain.size();
        int i = a % n;
        int mutatedPosition;
        switch (mutation) {
            case CHANGE -> {
                tampered.set(i, FIELD_CHANGES.get(field % FIELD_CHANGES.size()).apply(chain.get(i)));
                assertThat(tampered.get(i)).isNotEqualTo(chain.get(i));
                mutatedPosition = i;
            }
            case REMOVE -> {
                tampered.remove(i);
                mutatedPosition = i;
            }
            case SWAP -> {
                int j = b % n;
                if (i == j) {
                    j = (i + 1) % n;
                }
                if (i == j) {
                    // A one-record chain: swap degenerates to removal.
                    tampered.remove(i);
                } else {
                    Collections.swap(tampered, i, j);
                }
                mutatedPosition = Math.min(i, j);
            }
            case DUPLICATE -> {
                tampered.add(i + 1, chain.get(i));
                mutatedPosition = i + 1;
            }
            default -> throw new IllegalStateException();
        }

        VerificationResult r =
                verifier.verify(tampered, VerificationOptions.defaults().withExpectedHead(trusted));

        assertThat(r.valid()).isFalse();
        assertThat(r.failure().line() - 1).isLessThanOrEqualTo(mutatedPosition);
        assertThat(r.recordsVerified()).isLessThanOrEqualTo(mutatedPosition);
        if (mutation == Mutation.CHANGE) {
            assertThat(r.failure().problem()).isEqualTo(Problem.HASH_MISMATCH);
            assertThat(r.failure().line()).isEqualTo(i + 1);
        }
    }

    @Property(tries = 300)
    void wireRoundTripIsIdentityAndKeepsTheHash(
            @ForAll("draft") EvidenceDraft draft, @ForAll @IntRange(min = 0, max = 1_000_000) int seq) {
        EvidenceRecord r = codec.seal(draft, seq, EvidenceDraft.hashContent("prev " + seq));
        EvidenceRecord back = codec.read(codec.write(r));
        assertThat(back).isEqualTo(r);
        assertThat(codec.computeHash(back)).isEqualTo(r.hash());
    }

    private List<EvidenceRecord> seal(List<EvidenceDraft> drafts) {
        InMemoryEvidenceSink sink = new InMemoryEvidenceSink(drafts.size());
        List<EvidenceRecord> out = new ArrayList<>();
        for (EvidenceDraft d : drafts) {
            out.add(sink.append(d));
        }
        return out;
    }

    // ---- one change per record component, each guaranteed to differ and stay well-formed

    private static final List<UnaryOperator<EvidenceRecord>> FIELD_CHANGES = List.of(
            r -> with(r, Component.SEQ, r.seq() + 1),
            r -> with(r, Component.RECORD_ID, r.recordId() + "x"),
            r -> with(r, Component.REQUEST_ID, r.requestId() + "x"),
            r -> with(r, Component.TIMESTAMP, r.timestamp().plusNanos(1)),
            r -> with(
                    r,
                    Component.IDENTITIES,
                    new Identities(
                            r.identities().user() == null ? "u" : r.identities().user() + "x",
                            r.identities().agent(),
                            r.identities().session(),
                            r.identities().tenant())),
            r -> with(r, Component.MODEL, r.model() == null ? "m" : r.model() + "x"),
            r -> with(r, Component.POLICY_REVISION, r.policyRevision() + "x"),
            r -> with(r, Component.RISK_TIER, RiskTier.values()[(r.riskTier().ordinal() + 1) % 4]),
            r -> with(r, Component.STAGE, Stage.values()[(r.stage().ordinal() + 1) % Stage.values().length]),
            r -> with(r, Component.DECISION, r.decision().equals("BLOCK") ? "ALLOW" : "BLOCK"),
            r -> with(r, Component.REASON, r.reason() == null ? "pii" : r.reason() + "x"),
            r -> {
                List<CheckResult> c = new ArrayList<>(r.checks());
                c.add(new CheckResult("added", "d", CheckResult.PASS, Action.ALLOW, 0, 1));
                return with(r, Component.CHECKS, c);
            },
            r -> {
                List<Finding> f = new ArrayList<>(r.findings());
                f.add(new Finding(Category.PII, "EMAIL", 0, 1, 1, "d"));
                return with(r, Component.FINDINGS, f);
            },
            r -> with(r, Component.CONTENT_HASH, flip(r.contentHash())),
            r -> with(
                    r,
                    Component.EXCERPT,
                    r.redactedExcerpt() == null
                            ? "e"
                            : r.redactedExcerpt().isEmpty()
                                    ? "e"
                                    : "#" + r.redactedExcerpt().substring(1)),
            r -> {
                var e = new java.util.TreeMap<>(r.extra());
                e.merge("breaker", "open", (x, y) -> x + "x");
                return with(r, Component.EXTRA, e);
            },
            r -> with(r, Component.PREV_HASH, flip(r.prevHash())),
            r -> with(r, Component.HASH, flip(r.hash())));

    private enum Component {
        SEQ,
        RECORD_ID,
        REQUEST_ID,
        TIMESTAMP,
        IDENTITIES,
        MODEL,
        POLICY_REVISION,
        RISK_TIER,
        STAGE,
        DECISION,
        REASON,
        CHECKS,
        FINDINGS,
        CONTENT_HASH,
        EXCERPT,
        EXTRA,
        PREV_HASH,
        HASH
    }

    @SuppressWarnings("unchecked")
    private static EvidenceRecord with(EvidenceRecord r, Component c, Object v) {
        return new EvidenceRecord(
                c == Component.SEQ ? (Long) v : r.seq(),
                c == Component.RECORD_ID ? (String) v : r.recordId(),
                c == Component.REQUEST_ID ? (String) v : r.requestId(),
                c == Component.TIMESTAMP ? (Instant) v : r.timestamp(),
                c == Component.IDENTITIES ? (Identities) v : r.identities(),
                c == Component.MODEL ? (String) v : r.model(),
                c == Component.POLICY_REVISION ? (String) v : r.policyRevision(),
                c == Component.RISK_TIER ? (RiskTier) v : r.riskTier(),
                c == Component.STAGE ? (Stage) v : r.stage(),
                c == Component.DECISION ? (String) v : r.decision(),
                c == Component.REASON ? (String) v : r.reason(),
                c == Component.CHECKS ? (List<CheckResult>) v : r.checks(),
                c == Component.FINDINGS ? (List<Finding>) v : r.findings(),
                c == Component.CONTENT_HASH ? (String) v : r.contentHash(),
                c == Component.EXCERPT ? (String) v : r.redactedExcerpt(),
                c == Component.EXTRA ? (Map<String, String>) v : r.extra(),
                c == Component.PREV_HASH ? (String) v : r.prevHash(),
                c == Component.HASH ? (String) v : r.hash());
    }

    private static String flip(String hex) {
        return hex.substring(0, 63) + (hex.charAt(63) == 'f' ? '0' : 'f');
    }

    // ---- generators

    @Provide
    Arbitrary<List<EvidenceDraft>> drafts() {
        return draft().list().ofMinSize(1).ofMaxSize(20);
    }

    @Provide
    Arbitrary<EvidenceDraft> draft() {
        Arbitrary<String> id = Arbitraries.strings().ofMinLength(1).ofMaxLength(24);
        Arbitrary<String> optional = Arbitraries.strings().ofMaxLength(16).injectNull(0.3);
        Arbitrary<Identities> identities =
                Combinators.combine(optional, optional, optional, optional).as(Identities::new);
        Arbitrary<CheckResult> check = Combinators.combine(
                        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12),
                        Arbitraries.of(CheckResult.PASS, CheckResult.FIRED, CheckResult.ERROR),
                        Arbitraries.of(Action.class),
                        Arbitraries.doubles().between(0, 1),
                        Arbitraries.longs().between(0, 50_000_000))
                .as((name, verdict, action, score, nanos) ->
                        new CheckResult(name, name + "-v1", verdict, action, score, nanos));
        Arbitrary<Finding> finding = Combinators.combine(
                        Arbitraries.of(Category.class),
                        Arbitraries.strings().ofMinLength(1).ofMaxLength(12),
                        Arbitraries.integers().between(0, 4000),
                        Arbitraries.integers().between(0, 400),
                        Arbitraries.doubles().between(0, 1).edgeCases(e -> e.add(0.0005)))
                .as((cat, type, start, len, score) -> new Finding(cat, type, start, start + len, score, "det"));
        Arbitrary<Map<String, String>> extra = Arbitraries.maps(
                        Arbitraries.strings().ofMinLength(1).ofMaxLength(8),
                        Arbitraries.strings().ofMaxLength(12))
                .ofMaxSize(3);
        return Builders.withBuilder(DraftBuilder::new)
                .use(id)
                .in((bld, v) -> {
                    bld.recordId = v;
                    return bld;
                })
                .use(id)
                .in((bld, v) -> {
                    bld.requestId = v;
                    return bld;
                })
                .use(Arbitraries.longs().between(0, 4_102_444_800L))
                .in((bld, v) -> {
                    bld.timestamp = Instant.ofEpochSecond(v, v % 1_000_000_007L % 1_000_000_000L);
                    return bld;
                })
                .use(identities)
                .in((bld, v) -> {
                    bld.identities = v;
                    return bld;
                })
                .use(optional)
                .in((bld, v) -> {
                    bld.model = v;
                    return bld;
                })
                .use(id)
                .in((bld, v) -> {
                    bld.policyRevision = v;
                    return bld;
                })
                .use(Arbitraries.of(RiskTier.class))
                .in((bld, v) -> {
                    bld.riskTier = v;
                    return bld;
                })
                .use(Arbitraries.of(Stage.class))
                .in((bld, v) -> {
                    bld.stage = v;
                    return bld;
                })
                .use(Arbitraries.of("ALLOW", "MODIFY", "ESCALATE", "BLOCK"))
                .in((bld, v) -> {
                    bld.decision = v;
                    return bld;
                })
                .use(optional)
                .in((bld, v) -> {
                    bld.reason = v;
                    return bld;
                })
                .use(check.list().ofMaxSize(4))
                .in((bld, v) -> {
                    bld.checks = v;
                    return bld;
                })
                .use(finding.list().ofMaxSize(4))
                .in((bld, v) -> {
                    bld.findings = v;
                    return bld;
                })
                .use(Arbitraries.strings().ofMaxLength(260).injectNull(0.2))
                .in((bld, v) -> {
                    bld.excerpt = v;
                    return bld;
                })
                .use(extra)
                .in((bld, v) -> {
                    bld.extra = v;
                    return bld;
                })
                .build(DraftBuilder::build);
    }

    private static final class DraftBuilder {
        String recordId;
        String requestId;
        Instant timestamp;
        Identities identities;
        String model;
        String policyRevision;
        RiskTier riskTier;
        Stage stage;
        String decision;
        String reason;
        List<CheckResult> checks;
        List<Finding> findings;
        String excerpt;
        Map<String, String> extra;

        EvidenceDraft build() {
            return new EvidenceDraft(
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
                    EvidenceDraft.hashContent(recordId),
                    excerpt,
                    extra);
        }
    }
}
