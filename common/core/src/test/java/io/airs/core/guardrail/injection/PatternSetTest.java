package io.airs.core.guardrail.injection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airs.core.Finding;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PatternSetTest {

    private static final Set<InjectionFamily> ALL = EnumSet.allOf(InjectionFamily.class);

    private static List<Finding> scanWith(String patterns, String text) {
        var g = new InjectionGuardrail(InjectionConfig.defaults(), PatternSet.parse(patterns, ALL));
        List<Finding> out = new ArrayList<>();
        g.scan(text, out);
        return out;
    }

    @Test
    void builtInPatternsParse() {
        assertThat(PatternSet.builtIn(ALL)).hasSizeGreaterThan(150);
    }

    @Test
    void malformedPatternNamesTheLine() {
        assertThatThrownBy(() -> PatternSet.parse("# c\ninstruction_override 0.9 ~2 ignore", ALL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(":2:");
        assertThatThrownBy(() -> PatternSet.parse("no_such_type 0.9 ignore", ALL))
                .hasMessageContaining("unknown injection family");
        assertThatThrownBy(() -> PatternSet.parse("dan_persona 1.5 dan", ALL)).hasMessageContaining("weight");
    }

    @Test
    void literalsMayContainPipes() {
        assertThat(scanWith("delimiter_injection 0.9 (`<|a|>`|`[b]`)", "x<|a|>y"))
                .hasSize(1);
        assertThat(scanWith("delimiter_injection 0.9 (`<|a|>`|`[b]`)", "x[B]y")).hasSize(1);
    }

    @Test
    void prefixOptionalAndGapSlotsMatchAsWritten() {
        String p = "instruction_override 0.9 ignore (all)? ~2 instruction*";
        assertThat(scanWith(p, "ignore all instructions")).hasSize(1);
        assertThat(scanWith(p, "ignore the old instructionset")).hasSize(1);
        assertThat(scanWith(p, "ignore one two three instructions")).isEmpty();
        assertThat(scanWith(p, "ignore it. Instructions follow")).isEmpty();
    }

    @Test
    void anchoredPatternsMatchOnlyAtTheStartOfASentence() {
        String p = "instruction_override 0.9 ^ explain (the|how)";
        assertThat(scanWith(p, "Explain how tides work.")).hasSize(1);
        assertThat(scanWith(p, "Rates rose. Explain the change.")).hasSize(1);
        assertThat(scanWith(p, "| a | b |\n\"Explain the table\"")).hasSize(1);
        assertThat(scanWith(p, "I can explain the change.")).isEmpty();
        assertThat(scanWith(p, "call p.explain the thing")).isEmpty();
        assertThatThrownBy(() -> PatternSet.parse("instruction_override 0.9 ^", ALL))
                .hasMessageContaining("expected");
    }

    @Test
    void familiesOutsideTheConfigAreDropped() {
        assertThat(PatternSet.parse(
                        "dan_persona 0.9 dan\ninstruction_override 0.9 ignore",
                        EnumSet.of(InjectionFamily.DAN_PERSONA)))
                .extracting(PhrasePattern::family)
                .containsExactly(InjectionFamily.DAN_PERSONA);
    }
}
