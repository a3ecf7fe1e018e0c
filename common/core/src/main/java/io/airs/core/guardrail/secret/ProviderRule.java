package io.airs.core.guardrail.secret;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One provider token format converted from the gitleaks rule list.
 *
 * @param id the gitleaks rule id, reported as the finding type
 * @param pattern the compiled java.util.regex form of the rule
 * @param keywords lower-case literals of which at least one occurs near every match
 * @param minEntropy the Shannon entropy the secret must reach, 0 when the rule sets none
 * @param secretGroup the capture group holding the secret, 0 to take the longest group
 * @param contextual whether the rule needs a provider name as key context rather than a token prefix
 * @param anchored whether every match starts with one of the keywords, so the rule need only be
 *     tried at keyword occurrences rather than searched for around them
 */
record ProviderRule(
        String id,
        Pattern pattern,
        List<String> keywords,
        double minEntropy,
        int secretGroup,
        boolean contextual,
        boolean anchored) {

    ProviderRule {
        keywords = List.copyOf(keywords);
    }
}
