package io.airs.core.guardrail.secret;

import io.airs.core.Category;
import io.airs.core.Finding;
import io.airs.core.guardrail.Guardrail;
import io.airs.core.guardrail.text.KeywordAutomaton;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;

/**
 * Detects secrets and credentials: provider tokens (the gitleaks rule list), PEM private keys,
 * private JSON Web Keys (also base64-encoded, and base64 DER keys), NATS NKEY seeds, Discord bot tokens, JWTs,
 * credentials in URLs and connection strings, passwords given to command-line clients ({@code mysql -p...},
 * {@code sshpass -p}, {@code docker login -p}), host/user/password triples, and password or token assignments in
 * code, configuration, command lines, SQL and prose.
 *
 * <p>One Aho-Corasick pass over the text finds which rule keywords occur; only the rules whose
 * keywords occur run, and each only in a window around its keyword, so ordinary text costs one
 * linear pass. Each finding spans the secret value itself (not its key), has category {@code
 * secret}, the rule id as its type, and a score reflecting confidence. Overlapping candidates keep
 * the highest score.
 *
 * <pre>{@code
 * Guardrail secrets = new SecretGuardrail(SecretConfig.defaults());
 * List<Finding> out = new ArrayList<>();
 * secrets.scan("db_password = \"s3cr3t-Pa55!\"", out); // one password-assignment finding
 * }</pre>
 */
public final class SecretGuardrail implements Guardrail {

    /** The detector id reported in findings. */
    public static final String ID = "secret";

    private static final int CONTEXT_BEFORE = 64;
    private static final int CONTEXT_AFTER = 320;
    private static final int PREFIX_BEFORE = 160;
    private static final int PREFIX_AFTER = 1100;

    private final SecretConfig config;
    private final List<ProviderRule> rules;
    private final Map<String, String> dropped;
    private final KeywordAutomaton automaton;
    private final int[][] keywordTriggers;
    private final AssignmentScanner assignments;
    private final int pemTrigger;
    private final int jwtTrigger;
    private final int urlTrigger;
    private final int assignTrigger;
    private final int jwkTrigger;
    private final int base64KeyTrigger;
    private final int nkeyTrigger;
    private final int discordTrigger;
    private final int ipTrigger;
    private final int derTrigger;
    private final int commandTrigger;

    /** A guardrail with {@link SecretConfig#defaults()}. */
    public SecretGuardrail() {
        this(SecretConfig.defaults());
    }

    /** Builds the guardrail: loads and compiles the provider rules and the keyword automaton once. */
    public SecretGuardrail(SecretConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        ProviderRules.Loaded loaded = ProviderRules.load();
        this.rules = config.enabled(RuleFamily.PROVIDER) ? loaded.rules() : List.of();
        this.dropped = loaded.dropped();
        this.assignments = new AssignmentScanner(config.minEntropy());
        pemTrigger = rules.size();
        jwtTrigger = pemTrigger + 1;
        urlTrigger = pemTrigger + 2;
        assignTrigger = pemTrigger + 3;
        jwkTrigger = pemTrigger + 4;
        base64KeyTrigger = pemTrigger + 5;
        nkeyTrigger = pemTrigger + 6;
        discordTrigger = pemTrigger + 7;
        ipTrigger = pemTrigger + 8;
        derTrigger = pemTrigger + 9;
        commandTrigger = derTrigger + EncodedScanners.DER_MARKERS.length;

        Map<String, List<Integer>> byKeyword = new LinkedHashMap<>();
        for (int r = 0; r < rules.size(); r++) {
            for (String k : rules.get(r).keywords()) {
                byKeyword.computeIfAbsent(k, x -> new ArrayList<>()).add(r);
            }
        }
        if (config.enabled(RuleFamily.PRIVATE_KEY)) {
            byKeyword.computeIfAbsent("-----begin", x -> new ArrayList<>()).add(pemTrigger);
            byKeyword.computeIfAbsent("\"kty\"", x -> new ArrayList<>()).add(jwkTrigger);
            for (String k : EncodedScanners.BASE64_MARKERS) {
                byKeyword.computeIfAbsent(k, x -> new ArrayList<>()).add(base64KeyTrigger);
            }
            for (int d = 0; d < EncodedScanners.DER_MARKERS.length; d++) {
                byKeyword
                        .computeIfAbsent(EncodedScanners.DER_MARKERS[d], x -> new ArrayList<>())
                        .add(derTrigger + d);
            }
        }
        if (config.enabled(RuleFamily.PROVIDER)) {
            for (String k : EncodedScanners.NKEY_MARKERS) {
                byKeyword.computeIfAbsent(k, x -> new ArrayList<>()).add(nkeyTrigger);
            }
            byKeyword.computeIfAbsent(".", x -> new ArrayList<>()).add(discordTrigger);
        }
        if (config.enabled(RuleFamily.JWT)) {
            byKeyword.computeIfAbsent("eyj", x -> new ArrayList<>()).add(jwtTrigger);
        }
        if (config.enabled(RuleFamily.CONNECTION_STRING)) {
            byKeyword.computeIfAbsent("://", x -> new ArrayList<>()).add(urlTrigger);
        }
        if (config.enabled(RuleFamily.ASSIGNMENT) || config.enabled(RuleFamily.CONNECTION_STRING)) {
            for (String k : AssignmentScanner.KEYWORDS) {
                byKeyword.computeIfAbsent(k, x -> new ArrayList<>()).add(assignTrigger);
            }
        }
        if (config.enabled(RuleFamily.ASSIGNMENT)) {
            for (String k : CommandLineScanner.IP_MARKERS) {
                byKeyword.computeIfAbsent(k, x -> new ArrayList<>()).add(ipTrigger);
            }
            for (int c = 0; c < CommandLineScanner.COMMANDS.size(); c++) {
                byKeyword
                        .computeIfAbsent(CommandLineScanner.COMMANDS.get(c), x -> new ArrayList<>())
                        .add(commandTrigger + c);
            }
        }
        List<String> keywords = new ArrayList<>(byKeyword.keySet());
        this.keywordTriggers = new int[keywords.size()][];
        for (int i = 0; i < keywords.size(); i++) {
            keywordTriggers[i] = byKeyword.get(keywords.get(i)).stream()
                    .distinct()
                    .mapToInt(Integer::intValue)
                    .toArray();
        }
        this.automaton = keywords.isEmpty() ? null : new KeywordAutomaton(keywords);
    }

    @Override
    public String id() {
        return ID;
    }

    /** The configuration this guardrail runs with. */
    public SecretConfig config() {
        return config;
    }

    /** The provider rule ids that are loaded and run, in resource order. */
    public List<String> providerRuleIds() {
        return rules.stream().map(ProviderRule::id).toList();
    }

    /** Provider rules of the shipped list that are not run, with the reason for each. */
    public Map<String, String> droppedProviderRules() {
        return dropped;
    }

    @Override
    public void scan(String text, List<Finding> out) {
        Objects.requireNonNull(text, "text");
        if (automaton == null || text.isEmpty()) {
            return;
        }
        Scan scan = new Scan(text);
        automaton.scan(text, scan);
        if (scan.providerHitCount > 0) {
            runProviderRules(text, scan);
        }
        emit(scan.candidates.items, out);
    }

    /** Per-scan state: keyword hits for provider rules and the candidates found so far. */
    private final class Scan implements KeywordAutomaton.Sink {
        final String text;
        final Candidates candidates = new Candidates();
        long[] providerHits = new long[8];
        int providerHitCount;
        int lastIdentStart = -1;
        int jwtEnd = -1;
        int base64End = -1;

        Scan(String text) {
            this.text = text;
        }

        @Override
        public void hit(int keyword, int start, int end) {
            for (int t : keywordTriggers[keyword]) {
                if (t < pemTrigger) {
                    if (providerHitCount == providerHits.length) {
                        providerHits = Arrays.copyOf(providerHits, providerHitCount * 2);
                    }
                    providerHits[providerHitCount++] = ((long) t << 32) | start;
                } else if (t == pemTrigger) {
                    StructuredScanners.privateKey(text, start, candidates);
                } else if (t == jwtTrigger) {
                    if (start >= jwtEnd) {
                        jwtEnd = StructuredScanners.jwt(text, start, candidates);
                    }
                } else if (t == urlTrigger) {
                    StructuredScanners.urlCredentials(text, start, candidates);
                } else if (t == assignTrigger) {
                    lastIdentStart = assignments.scan(text, start, lastIdentStart, candidates);
                } else if (t == jwkTrigger) {
                    StructuredScanners.jsonWebKey(text, start, candidates);
                } else if (t == discordTrigger) {
                    EncodedScanners.discordBotToken(text, start, candidates);
                } else if (t == ipTrigger) {
                    CommandLineScanner.ipTriple(text, start, candidates);
                } else if (t == base64KeyTrigger) {
                    if (start >= base64End) {
                        base64End = EncodedScanners.base64Key(text, start, candidates);
                    }
                } else if (t == nkeyTrigger) {
                    EncodedScanners.nkeySeed(text, start, candidates);
                } else if (t >= commandTrigger) {
                    CommandLineScanner.command(text, start, t - commandTrigger, candidates);
                } else if (t >= derTrigger) {
                    EncodedScanners.derKey(text, start, t - derTrigger, candidates);
                }
            }
        }
    }

    private void runProviderRules(String text, Scan scan) {
        long[] hits = scan.providerHits;
        int count = scan.providerHitCount;
        Arrays.sort(hits, 0, count);
        int n = text.length();
        int i = 0;
        while (i < count) {
            int r = (int) (hits[i] >>> 32);
            ProviderRule rule = rules.get(r);
            int before = rule.contextual() ? CONTEXT_BEFORE : PREFIX_BEFORE;
            int after = rule.contextual() ? CONTEXT_AFTER : PREFIX_AFTER;
            Matcher m = rule.pattern().matcher(text);
            m.useTransparentBounds(true);
            m.useAnchoringBounds(false);
            int matchedUpTo = 0;
            if (rule.anchored()) {
                // One attempt per keyword occurrence: every match of this rule starts with a keyword.
                while (i < count && (int) (hits[i] >>> 32) == r) {
                    int at = (int) hits[i++];
                    if (at < matchedUpTo) {
                        continue;
                    }
                    m.region(at, Math.min(n, at + PREFIX_AFTER));
                    if (m.lookingAt()) {
                        matchedUpTo = m.end();
                        accept(text, rule, m, scan.candidates);
                    }
                }
                continue;
            }
            while (i < count && (int) (hits[i] >>> 32) == r) {
                int ws = Math.max(0, (int) hits[i] - before);
                int we = Math.min(n, (int) hits[i] + after);
                i++;
                // Merge the windows of nearby occurrences of the same rule's keywords.
                while (i < count && (int) (hits[i] >>> 32) == r && (int) hits[i] - before <= we) {
                    we = Math.min(n, (int) hits[i] + after);
                    i++;
                }
                ws = Math.max(ws, matchedUpTo);
                if (ws >= we) {
                    continue;
                }
                m.region(ws, we);
                while (m.find()) {
                    matchedUpTo = Math.max(matchedUpTo, m.end());
                    accept(text, rule, m, scan.candidates);
                    if (m.end() == m.start()) {
                        break;
                    }
                }
            }
        }
    }

    private static void accept(String text, ProviderRule rule, Matcher m, Candidates out) {
        int gs = m.start();
        int ge = m.end();
        if (rule.secretGroup() > 0 && rule.secretGroup() <= m.groupCount()) {
            if (m.start(rule.secretGroup()) < 0) {
                return;
            }
            gs = m.start(rule.secretGroup());
            ge = m.end(rule.secretGroup());
        } else if (m.groupCount() > 0) {
            int best = -1;
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.start(g) >= 0 && (best < 0 || m.end(g) - m.start(g) > ge - gs)) {
                    best = g;
                    gs = m.start(g);
                    ge = m.end(g);
                }
            }
            if (best < 0) {
                gs = m.start();
                ge = m.end();
            }
        }
        // Quoted secret groups (some rules capture the quotes) report the value inside them.
        if (ge - gs >= 2
                && (text.charAt(gs) == '"' || text.charAt(gs) == '\'')
                && text.charAt(ge - 1) == text.charAt(gs)) {
            gs++;
            ge--;
        }
        if (ge <= gs
                || SecretValues.entropy(text, gs, ge) < rule.minEntropy()
                || SecretValues.hasSequentialRun(text, gs, ge)
                || SecretValues.isPlaceholder(text, gs, ge)) {
            return;
        }
        out.add(rule.id(), gs, ge, rule.contextual() ? 0.75 : 0.9);
    }

    /** Whether a candidate's family is on; the assignment scanner serves two families. */
    private boolean familyEnabled(Candidates.Candidate c) {
        return switch (c.type()) {
            case "password-assignment", "generic-api-key", "authorization-header" ->
                config.enabled(RuleFamily.ASSIGNMENT);
            case "connection-string-password" -> config.enabled(RuleFamily.CONNECTION_STRING);
            default -> true;
        };
    }

    /** Format-specific rules outrank key-context guesses on the same span. */
    private static int specificity(Candidates.Candidate c) {
        return switch (c.type()) {
            case "password-assignment", "generic-api-key", "authorization-header" -> 0;
            default -> 1;
        };
    }

    private void emit(List<Candidates.Candidate> candidates, List<Finding> out) {
        if (candidates.isEmpty()) {
            return;
        }
        List<Candidates.Candidate> sorted = new ArrayList<>(candidates.size());
        for (Candidates.Candidate c : candidates) {
            if (c.score() >= config.minScore() && familyEnabled(c)) {
                sorted.add(c);
            }
        }
        sorted.sort(Comparator.comparingInt(SecretGuardrail::specificity)
                .reversed()
                .thenComparing(
                        Comparator.comparingDouble(Candidates.Candidate::score).reversed())
                .thenComparingInt(c -> -(c.end() - c.start())));
        List<Candidates.Candidate> kept = new ArrayList<>(sorted.size());
        for (Candidates.Candidate c : sorted) {
            boolean overlaps = false;
            for (Candidates.Candidate k : kept) {
                if (c.start() < k.end() && k.start() < c.end()) {
                    overlaps = true;
                    break;
                }
            }
            if (!overlaps) {
                kept.add(c);
            }
        }
        kept.sort(Comparator.comparingInt(Candidates.Candidate::start));
        for (Candidates.Candidate c : kept) {
            out.add(new Finding(Category.SECRET, c.type(), c.start(), c.end(), c.score(), ID));
        }
    }
}
