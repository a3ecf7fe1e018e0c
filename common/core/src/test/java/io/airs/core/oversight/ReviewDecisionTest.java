package io.airs.core.oversight;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airs.core.oversight.ReviewDecision.Kind;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReviewDecisionTest {

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of(null, "alice", null, null, "decision"),
                Arguments.of(Kind.APPROVE, null, null, null, "reviewer"),
                Arguments.of(Kind.APPROVE, "", null, null, "reviewer"),
                Arguments.of(Kind.APPROVE, "   ", null, null, "reviewer"),
                Arguments.of(Kind.APPROVE, "alice\nbob", null, null, "reviewer"),
                Arguments.of(Kind.APPROVE, "alice\u0000", null, null, "reviewer"),
                Arguments.of(Kind.APPROVE, "al\u202Eice", null, null, "reviewer"),
                Arguments.of(Kind.APPROVE, "x".repeat(129), null, null, "reviewer"),
                Arguments.of(Kind.APPROVE, "a\uD800", null, null, "reviewer"),
                Arguments.of(Kind.DENY, "alice", "n".repeat(2001), null, "note"),
                Arguments.of(Kind.MODIFY, "alice", null, null, "content"),
                Arguments.of(Kind.APPROVE, "alice", null, "text", "content"),
                Arguments.of(Kind.DENY, "alice", null, "text", "content"),
                Arguments.of(Kind.ESCALATE, "alice", null, "text", "content"));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void rejectsInvalidDecisionsNamingTheField(Kind kind, String reviewer, String note, String content, String field) {
        assertThatThrownBy(() -> new ReviewDecision(kind, reviewer, note, content))
                .isInstanceOf(InvalidReviewException.class)
                .hasMessageStartingWith(field + ":")
                .extracting(e -> ((InvalidReviewException) e).field())
                .isEqualTo(field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "alice@example.com", "Zoë Müller", "审核员", "ops team / on-call", "x"})
    void acceptsPrintableReviewers(String reviewer) {
        assertThat(ReviewDecision.approve(reviewer, null).reviewer()).isEqualTo(reviewer);
    }

    @Test
    void acceptsLimitsExactly() {
        String reviewer = "\uD83D\uDE00".repeat(128); // 128 code points, 256 UTF-16 units
        assertThat(ReviewDecision.deny(reviewer, "n".repeat(2000)).note()).hasSize(2000);
    }

    @Test
    void modifyMayReplaceWithEmptyText() {
        assertThat(ReviewDecision.modify("alice", null, "").content()).isEmpty();
    }

    @Test
    void parsesWireNames() {
        assertThat(Kind.fromWire("approve")).isEqualTo(Kind.APPROVE);
        assertThat(Kind.fromWire("ESCALATE")).isEqualTo(Kind.ESCALATE);
        assertThatThrownBy(() -> Kind.fromWire("yes"))
                .isInstanceOf(InvalidReviewException.class)
                .hasMessageStartingWith("decision:");
    }
}
