package io.airs.core;

import java.util.List;
import java.util.Locale;

/**
 * What the enforcement core decided about one piece of content. A decision is data, never an
 * exception: every evaluation yields exactly one of {@link Allow}, {@link Modify}, {@link Escalate}
 * or {@link Block}.
 *
 * <pre>{@code
 * switch (enforcer.evaluate(request)) {
 *     case Decision.Allow a -> forward(request);
 *     case Decision.Modify m -> forward(m.content());
 *     case Decision.Escalate e -> hold(e.reason());
 *     case Decision.Block b -> refuse(b.reason());
 * }
 * }</pre>
 */
public sealed interface Decision {

    /** Unique id of this decision, also the id of its evidence record. */
    String decisionId();

    /** Revision hash of the policy that produced it. */
    String policyRevision();

    /** The stage that was checked. */
    Stage stage();

    /** What the guardrails found, with offsets into the content as sent. */
    List<Finding> findings();

    /** Every check that ran, with verdict, score and latency. */
    List<CheckResult> checks();

    /** The decision's kind as a wire value: {@code ALLOW}, {@code MODIFY}, {@code ESCALATE}, {@code BLOCK}. */
    Verdict verdict();

    /** The four decision kinds, strongest last. */
    enum Verdict {
        ALLOW,
        MODIFY,
        ESCALATE,
        BLOCK;

        public String wireName() {
            return name();
        }

        public static Verdict fromWire(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }
    }

    /** The content may go on unchanged. */
    record Allow(
            String decisionId, String policyRevision, Stage stage, List<Finding> findings, List<CheckResult> checks)
            implements Decision {
        public Allow {
            findings = List.copyOf(findings);
            checks = List.copyOf(checks);
        }

        @Override
        public Verdict verdict() {
            return Verdict.ALLOW;
        }
    }

    /** The content may go on in the changed form {@code content} (for example with PII redacted). */
    record Modify(
            String decisionId,
            String policyRevision,
            Stage stage,
            List<Finding> findings,
            List<CheckResult> checks,
            String content)
            implements Decision {
        public Modify {
            findings = List.copyOf(findings);
            checks = List.copyOf(checks);
        }

        @Override
        public Verdict verdict() {
            return Verdict.MODIFY;
        }
    }

    /** The content is held for a human; {@code reason} is a reason code such as {@code pii}. */
    record Escalate(
            String decisionId,
            String policyRevision,
            Stage stage,
            List<Finding> findings,
            List<CheckResult> checks,
            String reason)
            implements Decision {
        public Escalate {
            findings = List.copyOf(findings);
            checks = List.copyOf(checks);
        }

        @Override
        public Verdict verdict() {
            return Verdict.ESCALATE;
        }
    }

    /** The content must not go on; {@code reason} is a reason code such as {@code prompt_injection}. */
    record Block(
            String decisionId,
            String policyRevision,
            Stage stage,
            List<Finding> findings,
            List<CheckResult> checks,
            String reason)
            implements Decision {
        public Block {
            findings = List.copyOf(findings);
            checks = List.copyOf(checks);
        }

        @Override
        public Verdict verdict() {
            return Verdict.BLOCK;
        }
    }
}
