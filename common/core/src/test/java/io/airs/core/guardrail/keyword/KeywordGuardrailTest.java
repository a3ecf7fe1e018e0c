package io.airs.core.guardrail.keyword;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.airs.core.Category;
import io.airs.core.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeywordGuardrailTest {

    private static List<Finding> scan(KeywordGuardrail g, String text) {
        List<Finding> out = new ArrayList<>();
        g.scan(text, out);
        return out;
    }

    private static List<String> spans(KeywordGuardrail g, String text) {
        return scan(g, text).stream().map(f -> f.start() + "-" + f.end()).toList();
    }

    @Test
    void reportsATopicFindingWithTheKeywordsSpanAndNoText() {
        KeywordGuardrail g = new KeywordGuardrail(List.of("aurora"));
        assertThat(scan(g, "Tell me about aurora, please"))
                .containsExactly(new Finding(Category.TOPIC, "keyword", 14, 20, 1.0, "keywords"));
    }

    @Test
    void matchesCaseInsensitively() {
        KeywordGuardrail g = new KeywordGuardrail(List.of("Project Aurora"));
        assertThat(spans(g, "PROJECT AURORA and project aurora")).containsExactly("0-14", "19-33");
    }

    @ParameterizedTest
    @ValueSource(strings = {"alphabet", "bets", "abet", "bet_", "bet9", "quebet"})
    void neverMatchesInsideALongerWord(String text) {
        assertThat(scan(new KeywordGuardrail(List.of("bet")), text)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bet", "a bet.", "(bet)", "bet-on", "\"bet\"", "place a bet\n"})
    void matchesAWholeWordBetweenPunctuationOrSpaces(String text) {
        assertThat(scan(new KeywordGuardrail(List.of("bet")), text)).hasSize(1);
    }

    @Test
    void aPhraseMatchesAcrossAnyRunOfWhitespaceAndItsSpanCoversIt() {
        KeywordGuardrail g = new KeywordGuardrail(List.of("  credit   card "));
        assertThat(g.keywords()).containsExactly("credit card");
        assertThat(spans(g, "my credit \n\t card number")).containsExactly("3-17");
        assertThat(scan(g, "creditcard")).isEmpty();
    }

    @Test
    void aKeywordEndingInPunctuationNeedsNoBoundaryThere() {
        KeywordGuardrail g = new KeywordGuardrail(List.of("c++"));
        assertThat(spans(g, "I write c++code and C++.")).containsExactly("8-11", "20-23");
        assertThat(scan(g, "abc++")).isEmpty();
    }

    @Test
    void findsEveryKeywordIncludingOverlappingOnes() {
        KeywordGuardrail g = new KeywordGuardrail(List.of("new york", "york", "new"));
        assertThat(spans(g, "New York")).containsExactlyInAnyOrder("0-3", "0-8", "4-8");
    }

    @Test
    void matchesNonAsciiKeywordsAndSpansSurrogatePairsByUtf16Index() {
        KeywordGuardrail g = new KeywordGuardrail(List.of("Straße", "東京"));
        assertThat(spans(g, "😀 STRASSE? no: straße 東京")).containsExactly("16-22", "23-25");
    }

    @Test
    void dropsDuplicatesAfterFoldingAndRejectsBlankOrEmptyLists() {
        assertThat(new KeywordGuardrail(List.of("Acme", "acme ", "ACME")).keywords())
                .containsExactly("acme");
        assertThatThrownBy(() -> new KeywordGuardrail(List.of(" "))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new KeywordGuardrail(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Property(tries = 300)
    void reportsExactlyTheWholeWordOccurrencesANaiveSearchFinds(
            @ForAll @StringLength(min = 1, max = 3) @CharRange(from = 'a', to = 'c') String keyword,
            @ForAll @StringLength(max = 40) @CharRange(from = ' ', to = 'c') String raw) {
        String text = raw.replaceAll("[^abcABC ]", " ");
        KeywordGuardrail g = new KeywordGuardrail(List.of(keyword));
        List<String> expected = new ArrayList<>();
        String lower = text.toLowerCase(Locale.ROOT);
        for (int s = lower.indexOf(keyword); s >= 0; s = lower.indexOf(keyword, s + 1)) {
            int e = s + keyword.length();
            if ((s == 0 || lower.charAt(s - 1) == ' ') && (e == lower.length() || lower.charAt(e) == ' ')) {
                expected.add(s + "-" + e);
            }
        }
        assertThat(spans(g, text)).containsExactlyElementsOf(expected);
    }
}
