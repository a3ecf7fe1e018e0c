package io.airs.core.normalize;

import io.airs.core.Finding;
import java.util.List;

/**
 * The result of normalising a text.
 *
 * @param original the text as the caller sent it
 * @param primary the whole text, normalised (NFKC, invisible and tag characters removed, homoglyphs
 *     folded); identical to {@code original} when nothing needed changing
 * @param decoded payloads found inside wrappers (base64, hex, URL-encoding and similar), each a view
 *     whose offsets map back to the span of the encoded run in the original
 * @param signals findings about the obfuscation itself (for example hidden tag characters), with
 *     offsets into the original
 */
public record NormalizedText(String original, TextView primary, List<TextView> decoded, List<Finding> signals) {

    public NormalizedText {
        decoded = List.copyOf(decoded);
        signals = List.copyOf(signals);
    }
}
