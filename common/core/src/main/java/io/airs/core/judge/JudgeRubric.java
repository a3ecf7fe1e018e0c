package io.airs.core.judge;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The LLM judge's rubric, independent of the model's API: the system prompt, the user message that
 * carries the judged content as delimited data, and the strict parser of the verdict the model
 * returns. {@link OpenAiCompatibleJudge} uses it over the chat-completions API; a platform's own
 * model API (Bedrock Converse, say) uses the same rubric.
 *
 * <pre>{@code
 * JudgeRubric rubric = new JudgeRubric("bedrock/" + modelId);
 * String boundary = JudgeRubric.boundary(random);
 * String system = JudgeRubric.systemPrompt(request), user = JudgeRubric.userMessage(request, boundary);
 * JudgeVerdict v = rubric.parse(modelText, request.content());
 * }</pre>
 */
public final class JudgeRubric {

    private static final int MAX_REASON_CHARS = OpenAiCompatibleJudge.MAX_REASON_CHARS;
    private static final int MAX_REASONS = OpenAiCompatibleJudge.MAX_REASONS;
    private static final int QUOTE_WINDOW = OpenAiCompatibleJudge.QUOTE_WINDOW;
    private static final Set<String> VERDICT_FIELDS = Set.of("verdict", "scores", "reasons");

    private final ObjectMapper json = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private final String id;

    /** A rubric whose verdicts carry {@code judgeId}. */
    public JudgeRubric(String judgeId) {
        this.id = Objects.requireNonNull(judgeId, "judgeId");
    }

    /** The system prompt: the rubric, the criteria and the output schema. */
    public static String systemPrompt(JudgeRequest request) {
        return OpenAiCompatibleJudge.systemPrompt(request);
    }

    /** The user message: the content between boundary markers, neutralised so it cannot close them. */
    public static String userMessage(JudgeRequest request, String boundary) {
        return OpenAiCompatibleJudge.userMessage(request, boundary);
    }

    /** A fresh 128-bit boundary token. */
    public static String boundary(RandomGenerator random) {
        return Long.toHexString(random.nextLong() | Long.MIN_VALUE)
                + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
    }

    /** Parses the model's verdict text, tolerating a Markdown code fence around it. */
    public JudgeVerdict parse(String text, String content) {
        JsonNode v;
        try {
            v = json.readTree(stripFence(text));
        } catch (JsonProcessingException e) {
            throw bad("verdict is not a JSON object");
        }
        if (v == null || !v.isObject()) {
            throw bad("verdict is not a JSON object");
        }
        for (Iterator<String> it = v.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!VERDICT_FIELDS.contains(f)) {
                throw bad("verdict has an unexpected field");
            }
        }
        JsonNode verdictNode = v.get("verdict");
        if (verdictNode == null || !verdictNode.isTextual()) {
            throw bad("verdict field missing or not a string");
        }
        JudgeVerdict.Verdict verdict;
        try {
            verdict = JudgeVerdict.Verdict.fromWire(verdictNode.asText());
        } catch (IllegalArgumentException e) {
            throw bad("verdict is not PASS, REVIEW or ESCALATE");
        }
        JsonNode scoresNode = v.get("scores");
        if (scoresNode == null || !scoresNode.isObject()) {
            throw bad("scores missing or not an object");
        }
        EnumMap<Criterion, Double> scores = new EnumMap<>(Criterion.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = scoresNode.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Criterion c;
            try {
                c = Criterion.fromWire(e.getKey());
            } catch (IllegalArgumentException ex) {
                throw bad("scores has an unknown criterion");
            }
            JsonNode s = e.getValue();
            if (!s.isNumber() || !(s.asDouble() >= 0.0 && s.asDouble() <= 1.0)) {
                throw bad("score for " + c.wireName() + " is not a number in [0, 1]");
            }
            scores.put(c, s.asDouble());
        }
        if (scores.size() != Criterion.count()) {
            throw bad("scores must cover policy, grounding, safety and appropriateness");
        }
        List<String> reasons = new ArrayList<>();
        JsonNode reasonsNode = v.get("reasons");
        if (reasonsNode != null && !reasonsNode.isNull()) {
            if (!reasonsNode.isArray()) {
                throw bad("reasons is not an array");
            }
            for (JsonNode r : reasonsNode) {
                if (!r.isTextual()) {
                    throw bad("reasons holds a non-string");
                }
                if (reasons.size() < MAX_REASONS) {
                    reasons.add(cleanReason(r.asText(), content));
                }
            }
        }
        return new JudgeVerdict(verdict, scores, reasons, id, Duration.ZERO);
    }

    private static String stripFence(String text) {
        String t = text.strip();
        if (!t.startsWith("```")) {
            return t;
        }
        int firstLine = t.indexOf('\n');
        if (firstLine < 0 || !t.endsWith("```") || t.length() < firstLine + 4) {
            return t;
        }
        return t.substring(firstLine + 1, t.length() - 3).strip();
    }

    /** A reason fit for evidence: one line, bounded, and never a quotation of the content. */
    static String cleanReason(String reason, String content) {
        StringBuilder sb = new StringBuilder(Math.min(reason.length(), MAX_REASON_CHARS));
        for (int i = 0; i < reason.length() && sb.length() < MAX_REASON_CHARS; i++) {
            char c = reason.charAt(i);
            sb.append(Character.isISOControl(c) ? ' ' : c);
        }
        // Never leave half of a surrogate pair at the cut.
        if (!sb.isEmpty() && Character.isHighSurrogate(sb.charAt(sb.length() - 1))) {
            sb.setLength(sb.length() - 1);
        }
        String r = sb.toString().strip();
        if (quotes(r, content)) {
            return "[reason withheld: it quoted the content]";
        }
        return r;
    }

    private static boolean quotes(String reason, String content) {
        if (reason.length() < QUOTE_WINDOW || content.length() < QUOTE_WINDOW) {
            return false;
        }
        for (int i = 0; i + QUOTE_WINDOW <= reason.length(); i += QUOTE_WINDOW / 2) {
            if (content.contains(reason.substring(i, i + QUOTE_WINDOW))) {
                return true;
            }
        }
        return false;
    }

    private JudgeException bad(String why) {
        return new JudgeException(JudgeException.Kind.BAD_RESPONSE, id + ": " + why);
    }
}
