package io.airs.aws.oversight;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airs.core.oversight.AlreadyDecidedException;
import io.airs.core.oversight.InvalidReviewException;
import io.airs.core.oversight.Oversight;
import io.airs.core.oversight.ReviewDecision;
import io.airs.core.oversight.UnknownTicketException;
import io.airs.core.wire.ControlCodec;
import io.airs.core.wire.WireException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Applies reviewers' decisions sent to the decisions queue, one SQS message each: {@code
 * {"ticket": "esc_...", "decision": "approve|deny|modify|escalate", "reviewer": "...", "note": "..."?,
 * "content": "..."?}}. The function must be mapped with {@code ReportBatchItemFailures}.
 *
 * <ul>
 *   <li>Applied, or a duplicate delivery of a decision already applied: success (the store answers
 *       an identical final decision idempotently, and records nothing new).
 *   <li>Rejected, because retrying cannot help (not JSON, a bad field, an unknown ticket, a
 *       different decision on a final ticket, an expired ticket, escalating a critical one): logged
 *       with the message id and the reason only, then per {@link DecisionConsumerConfig#rejected()}
 *       dead-lettered (a batch item failure; the queue's redrive policy moves it to the DLQ after
 *       {@code maxReceiveCount}) or dropped.
 *   <li>Anything else (DynamoDB, SQS or the evidence sink failing): a batch item failure, retried by
 *       SQS.
 * </ul>
 */
public final class DecisionConsumerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final int MAX_TICKET_CHARS = 128;

    /** What became of one message. */
    enum Result {
        APPLIED,
        REJECTED,
        RETRY
    }

    private final Oversight oversight;
    private final DecisionConsumerConfig config;
    private final ObjectMapper mapper = new ObjectMapper();
    private final ControlCodec codec = new ControlCodec(mapper);

    /** The Lambda entry point: the oversight service from the function's environment, built once. */
    public DecisionConsumerHandler() {
        this(
                OversightFunctions.fromEnvironment().oversight(),
                OversightFunctions.fromEnvironment().consumer());
    }

    /** A handler over {@code oversight} (for tests and other composition roots). */
    public DecisionConsumerHandler(Oversight oversight, DecisionConsumerConfig config) {
        this.oversight = Objects.requireNonNull(oversight, "oversight");
        this.config = Objects.requireNonNull(config, "config");
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records =
                event == null || event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage m : records) {
            Result r = apply(m, context);
            if (r == Result.RETRY
                    || (r == Result.REJECTED && config.rejected() == DecisionConsumerConfig.Rejected.DEAD_LETTER)) {
                failures.add(new SQSBatchResponse.BatchItemFailure(m.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    Result apply(SQSEvent.SQSMessage m, Context context) {
        String id = m.getMessageId();
        String body = m.getBody();
        if (body == null || body.length() > config.maxBodyChars()) {
            return rejected(context, id, null, "body missing or longer than " + config.maxBodyChars() + " chars");
        }
        JsonNode n;
        try {
            n = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            return rejected(context, id, null, "body is not JSON");
        }
        if (n == null || !n.isObject()) {
            return rejected(context, id, null, "body is not a JSON object");
        }
        JsonNode t = n.get("ticket");
        if (t == null || !t.isTextual() || !validTicket(t.asText())) {
            return rejected(context, id, null, "ticket: required, 1 to 128 printable ASCII characters");
        }
        String ticket = t.asText();
        ObjectNode decisionNode = ((ObjectNode) n).deepCopy();
        decisionNode.remove("ticket");
        ReviewDecision decision;
        try {
            decision = codec.readReviewDecision(decisionNode);
        } catch (WireException e) {
            // The field name only: the message of a wire error may quote the reviewer's input.
            return rejected(context, id, ticket, "invalid field " + e.field());
        }
        try {
            oversight.decide(ticket, decision);
            log(
                    context,
                    "decision applied: message=" + id + " ticket=" + ticket + " decision="
                            + decision.decision().wireName());
            return Result.APPLIED;
        } catch (UnknownTicketException e) {
            return rejected(context, id, ticket, "unknown ticket");
        } catch (AlreadyDecidedException e) {
            return rejected(context, id, ticket, "ticket already " + e.status());
        } catch (InvalidReviewException e) {
            return rejected(context, id, ticket, "invalid field " + e.field());
        } catch (RuntimeException e) {
            log(
                    context,
                    "decision not applied, will retry: message=" + id + " ticket=" + ticket + " error="
                            + e.getClass().getSimpleName());
            return Result.RETRY;
        }
    }

    private static boolean validTicket(String s) {
        if (s.isEmpty() || s.length() > MAX_TICKET_CHARS) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private Result rejected(Context context, String id, String ticket, String reason) {
        log(
                context,
                "decision rejected (" + config.rejected().name().toLowerCase(java.util.Locale.ROOT) + "): message=" + id
                        + (ticket == null ? "" : " ticket=" + ticket) + " reason=" + reason);
        return Result.REJECTED;
    }

    private static void log(Context context, String line) {
        if (context != null && context.getLogger() != null) {
            context.getLogger().log(line + "\n");
        }
    }
}
