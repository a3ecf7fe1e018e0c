package io.airs.core.guardrail.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.NotEmpty;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class KeywordAutomatonTest {

    @Test
    void findsOverlappingKeywordsCaseInsensitively() {
        KeywordAutomaton a = new KeywordAutomaton(List.of("pass", "password", "word", "패스워드"));
        List<String> hits = new ArrayList<>();
        String text = "My PASSWORD and 패스워드";
        a.scan(text, (k, s, e) -> hits.add(k + "@" + s + "-" + e));
        assertThat(hits).containsExactly("0@3-7", "1@3-11", "2@7-11", "3@16-20");
    }

    @Property(tries = 200)
    void reportsExactlyTheOccurrencesANaiveSearchFinds(
            @ForAll @Size(min = 1, max = 6)
                    List<@NotEmpty @StringLength(max = 4) @CharRange(from = 'a', to = 'd') String> keywords,
            @ForAll @StringLength(max = 60) @CharRange(from = 'A', to = 'e') String text) {
        List<String> distinct = keywords.stream().distinct().toList();
        KeywordAutomaton a = new KeywordAutomaton(distinct);
        List<String> actual = new ArrayList<>();
        a.scan(text, (k, s, e) -> actual.add(distinct.get(k) + "@" + s));
        List<String> expected = new ArrayList<>();
        String lower = text.toLowerCase(Locale.ROOT);
        for (int end = 1; end <= lower.length(); end++) {
            for (String k : distinct) {
                int s = end - k.length();
                if (s >= 0 && lower.startsWith(k, s)) {
                    expected.add(k + "@" + s);
                }
            }
        }
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
    }
}
