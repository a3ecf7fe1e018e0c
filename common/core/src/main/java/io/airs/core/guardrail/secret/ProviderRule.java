package io.airs.core.guardrail.secret;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One provider token format converted from the gitleaks rule list.
 *
 * <p>The expression is compiled on first use: a scan only ever runs the few rules whose keywords it
 * met, so a fresh process does not pay for compiling all of them before its first decision. Every
 * shipped rule is compiled by the tests.
 */
final class ProviderRule {

    private final String id;
    private final String regex;
    private final List<String> keywords;
    private final double minEntropy;
    private final int secretGroup;
    private final boolean contextual;
    private final boolean anchored;
    private volatile Pattern pattern;

    /**
     * @param id the gitleaks rule id, reported as the finding type
     * @param regex the java.util.regex form of the rule
     * @param keywords lower-case literals of which at least one occurs near every match
     * @param minEntropy the Shannon entropy the secret must reach, 0 when the rule sets none
     * @param secretGroup the capture group holding the secret, 0 to take the longest group
     * @param contextual whether the rule needs a provider name as key context rather than a token prefix
     * @param anchored whether every match starts with one of the keywords, so the rule need only be
     *     tried at keyword occurrences rather than searched for around them
     */
    ProviderRule(
            String id,
            String regex,
            List<String> keywords,
            double minEntropy,
            int secretGroup,
            boolean contextual,
            boolean anchored) {
        this.id = id;
        this.regex = regex;
        this.keywords = List.copyOf(keywords);
        this.minEntropy = minEntropy;
        this.secretGroup = secretGroup;
        this.contextual = contextual;
        this.anchored = anchored;
    }

    String id() {
        return id;
    }

    /** The compiled expression; compiling twice under a race is harmless. */
    Pattern pattern() {
        Pattern p = pattern;
        if (p == null) {
            p = Pattern.compile(regex);
            pattern = p;
        }
        return p;
    }

    String regex() {
        return regex;
    }

    List<String> keywords() {
        return keywords;
    }

    double minEntropy() {
        return minEntropy;
    }

    int secretGroup() {
        return secretGroup;
    }

    boolean contextual() {
        return contextual;
    }

    boolean anchored() {
        return anchored;
    }
}
