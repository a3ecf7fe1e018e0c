package io.airs.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import io.airs.core.Finding;
import io.airs.core.guardrail.pii.PiiConfig;
import io.airs.core.guardrail.pii.PiiGuardrail;
import io.airs.core.guardrail.pii.PiiTagger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class RedactionPropertiesTest {

    private static final byte[] KEY = "property-test-secret-key-000000".getBytes(StandardCharsets.UTF_8);

    // The rules alone: the tagger reads the words around a name, which a placeholder changes, so a
    // second pass over redacted text may tag a word the first left; these properties are the redactor's.
    private final PiiGuardrail pii = new PiiGuardrail(PiiConfig.defaults(), PiiTagger.none());

    private List<Finding> detect(String text) {
        List<Finding> out = new ArrayList<>();
        pii.scan(text, out);
        return out;
    }

    /** Texts stitched from filler and personal data of several kinds, so redaction has work to do. */
    @Provide
    Arbitrary<String> textsWithPii() {
        Arbitrary<String> piece = Arbitraries.oneOf(
                Arbitraries.of(
                        "a@example.com",
                        "jane.doe@mail.example.org",
                        "4111 1111 1111 1111",
                        "378282246310005",
                        "GB82WEST12345698765432",
                        "123-45-6788",
                        "+1 415 555 2671",
                        "(415) 555-2671",
                        "192.168.1.20",
                        "2001:db8::8a2e:370:7334",
                        "https://example.com/x",
                        "1668 Glyn St",
                        "my name is Ada Lovelace",
                        "born 5 March 1990"),
                Arbitraries.strings().withChars("abc XYZ019.,:-@()+\n").ofMaxLength(12),
                Arbitraries.strings().ofMaxLength(6));
        return piece.list().ofMaxSize(8).map(parts -> String.join(" ", parts));
    }

    @Property(tries = 300)
    void redactionIsIdempotent(@ForAll("textsWithPii") String text, @ForAll RedactionMode mode) {
        Redactor redactor = new Redactor(mode, new InMemoryPseudonymVault(KEY));
        Redaction once = redactor.redact(text, detect(text), "s");
        Redaction twice = redactor.redact(once.text(), detect(once.text()), "s");
        assertThat(twice.text()).isEqualTo(once.text());
    }

    @Property(tries = 300)
    void outputSpansAreInsideTheTextOrderedAndDisjoint(
            @ForAll("textsWithPii") String text, @ForAll RedactionMode mode) {
        Redaction r = new Redactor(mode, new InMemoryPseudonymVault(KEY)).redact(text, detect(text), "s");
        int previousEnd = 0;
        for (Finding f : r.findings()) {
            assertThat(f.start()).isGreaterThanOrEqualTo(previousEnd);
            assertThat(f.end())
                    .isGreaterThan(f.start())
                    .isLessThanOrEqualTo(r.text().length());
            previousEnd = f.end();
        }
    }

    @Property(tries = 300)
    void placeholdersAndPseudonymsRestoreTheOriginalText(@ForAll("textsWithPii") String text) {
        for (RedactionMode mode : List.of(RedactionMode.PLACEHOLDER, RedactionMode.PSEUDONYM)) {
            var vault = new InMemoryPseudonymVault(KEY);
            Redaction r = new Redactor(mode, vault).redact(text, detect(text), "session");
            assertThat(vault.restore("session", r.text())).isEqualTo(text);
        }
    }

    @Property(tries = 500)
    void arbitraryStringsNeverThrow(@ForAll String text, @ForAll RedactionMode mode) {
        List<Finding> found = detect(text);
        for (Finding f : found) {
            assertThat(f.end()).isLessThanOrEqualTo(text.length());
        }
        new Redactor(mode, new InMemoryPseudonymVault(KEY)).redact(text, found, "s");
    }
}
