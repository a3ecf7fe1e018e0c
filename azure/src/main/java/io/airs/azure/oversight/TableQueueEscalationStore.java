package io.airs.azure.oversight;

import static io.airs.azure.oversight.TicketEntities.*;

import com.azure.core.util.Context;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableServiceClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableServiceException;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import com.azure.storage.queue.QueueClient;
import com.azure.storage.queue.QueueMessageEncoding;
import com.azure.storage.queue.QueueServiceClient;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.airs.core.evidence.EvidenceDraft;
import io.airs.core.oversight.AlreadyDecidedException;
import io.airs.core.oversight.Escalation;
import io.airs.core.oversight.EscalationFilter;
import io.airs.core.oversight.EscalationStatus;
import io.airs.core.oversight.EscalationStore;
import io.airs.core.oversight.InvalidReviewException;
import io.airs.core.oversight.NewEscalation;
import io.airs.core.oversight.OversightConfig;
import io.airs.core.oversight.ReviewDecision;
import io.airs.core.oversight.Severity;
import io.airs.core.oversight.UnknownTicketException;
import io.airs.core.wire.ControlCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.atomic.LongAdder;

/**
 * An {@link EscalationStore} on Azure Table storage and Storage Queues. Ticket state lives in one
 * table, one partition per ticket (see {@link TicketEntities}: the ticket row, and its held content
 * in rows of its own that {@link #get} and {@link #list} never read); every ticket opened, and every
 * ticket escalated to another queue, is also sent to the Storage queue of its severity ({@code
 * PREFIX-critical|high|standard|sampling}) so reviewers see it in the portal or Storage Explorer.
 *
 * <p>The message is the reviewer view of {@link ControlCodec#escalation} as JSON (ticket, queue,
 * status, deadline, reason, findings, redacted excerpt, identities; the held content only when
 * {@link OversightConfig#showRawContent()}), Base64-encoded as the Functions host expects. A body
 * that would exceed the 64 KiB a queue message holds drops the held content first ({@code
 * "held_content_omitted": true}), then the findings and excerpt ({@code "findings_omitted": N}):
 * the ticket itself always has them. A message lives until one day after the ticket's deadline.
 *
 * <p>Every state change is a read followed by an ETag-conditional write of the ticket row
 * (optimistic concurrency), so any number of function instances may share the table: a decision
 * applies only to the ticket exactly as it was read, and the loser of a race reads again and answers
 * as the core stores do (an identical final decision: the ticket as it is; a different one: {@link
 * AlreadyDecidedException}). Denying, modifying or expiring a ticket drops its held content in the
 * same entity group transaction. Reads are strongly consistent. {@link #list} and {@link #expire}
 * are filter queries on the ticket rows ({@code Status}, {@code Queue}, {@code DeadlineKey}, {@code
 * DecidedAtKey}) across partitions, sorted here: a scan the service runs, fine for the thousands of
 * tickets a review team keeps, not for millions (archive decided tickets if it grows).
 *
 * <p>The table is the source of truth and feeds the queues as a transactional outbox. {@link #open}
 * writes the ticket with {@code MessageOwed = true}, then tries the send; the queue accepting it
 * clears the flag (an ETag-conditional write). A send that fails (queue service unreachable,
 * throttled, or slower than {@link TableQueueEscalationConfig#sendTimeout}) is counted ({@link
 * #failedSends}) and logged with the ticket id and queue only, and {@code open} returns the PENDING
 * ticket as usual: the escalation is durable, only its message is late. {@link #resendUnsent},
 * called by the SLA sweep on every schedule, sends what is still owed. ESCALATE follows the same
 * rule for the message to the new queue. Only the write to the table can make {@code open} fail.
 * Delivery is at least once: a send whose acknowledgement is lost, or a flag that could not be
 * cleared, is sent again; reviewers' decisions are idempotent.
 *
 * <pre>{@code
 * TableQueueEscalationStore store = TableQueueEscalationStore.create(
 *         TableQueueEscalationConfig.fromEnvironment(System.getenv()), oversightConfig);
 * Oversight oversight = Oversight.builder(store, evidence).config(oversightConfig).build();
 * // on the SLA sweep's timer:
 * store.resendUnsent(now);
 * oversight.sweep(now);
 * }</pre>
 */
public final class TableQueueEscalationStore implements EscalationStore {

    /**
     * The longest held content a ticket keeps, in UTF-16 chars: its rows and the ticket must fit one
     * entity group transaction (at most 4 MiB), whatever the characters.
     */
    public static final int MAX_HELD_CONTENT_CHARS = 512 * 1024;

    /** The longest replacement text a MODIFY may carry, in UTF-16 chars (it lives in the ticket row). */
    public static final int MAX_OUTCOME_CONTENT_CHARS = 256 * 1024;

    /** The largest message body sent, in UTF-8 bytes: 64 KiB once Base64-encoded. */
    static final int MAX_MESSAGE_BYTES = 48 * 1024;

    private static final int MAX_RACES = 16;
    private static final Duration MESSAGE_AFTERLIFE = Duration.ofDays(1);
    private static final Comparator<Escalation> EARLIEST_DEADLINE =
            Comparator.comparing(Escalation::deadline).thenComparing(Escalation::ticket);
    private static final System.Logger LOG = System.getLogger(TableQueueEscalationStore.class.getName());

    private final TableClient table;
    private final Map<Severity, QueueClient> queues;
    private final TableQueueEscalationConfig config;
    private final OversightConfig oversight;
    private final ControlCodec codec = new ControlCodec(new ObjectMapper());
    private final LongAdder failedSends = new LongAdder();

    /**
     * A store over {@code tables} and {@code queues} (the caller owns both clients), named by {@code
     * config}; creates the table and the four queues first when {@link
     * TableQueueEscalationConfig#createIfMissing()}.
     *
     * @param queues must use {@link QueueMessageEncoding#BASE64}, as the Functions host does
     * @param oversight the SLAs applied on ESCALATE and whether messages may carry held content
     */
    public TableQueueEscalationStore(
            TableServiceClient tables,
            QueueServiceClient queues,
            TableQueueEscalationConfig config,
            OversightConfig oversight) {
        Objects.requireNonNull(tables, "tables");
        Objects.requireNonNull(queues, "queues");
        this.config = Objects.requireNonNull(config, "config");
        this.oversight = Objects.requireNonNull(oversight, "oversight");
        if (queues.getMessageEncoding() != QueueMessageEncoding.BASE64) {
            throw new IllegalArgumentException(
                    "queues: the queue client must use QueueMessageEncoding.BASE64, as the Functions host does");
        }
        Map<Severity, QueueClient> q = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            q.put(s, queues.getQueueClient(config.queueName(s)));
        }
        this.queues = Map.copyOf(q);
        if (config.createIfMissing()) {
            tables.createTableIfNotExists(config.table());
            this.queues.values().forEach(QueueClient::createIfNotExists);
        }
        this.table = tables.getTableClient(config.table());
    }

    /** A store over the clients of {@code config}'s connection (see the constructor). */
    public static TableQueueEscalationStore create(TableQueueEscalationConfig config, OversightConfig oversight) {
        Objects.requireNonNull(config, "config");
        return new TableQueueEscalationStore(
                config.connection().tableServiceClient(), config.connection().queueServiceClient(), config, oversight);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException also when the ticket id holds a character a table key cannot
     *     ({@code / \ # ? ' %}, space, control characters) or is longer than 128 chars, or when the
     *     held content is longer than {@link #MAX_HELD_CONTENT_CHARS}
     */
    @Override
    public Escalation open(NewEscalation n, String heldContent) {
        Objects.requireNonNull(n, "escalation");
        Objects.requireNonNull(heldContent, "heldContent");
        if (!storable(n.ticket())) {
            throw new IllegalArgumentException("ticket id '" + n.ticket()
                    + "' cannot be a table key (1 to 128 printable ASCII characters, none of / \\ # ? ' %)");
        }
        if (heldContent.length() > MAX_HELD_CONTENT_CHARS) {
            throw new IllegalArgumentException("held content of ticket " + n.ticket() + " is " + heldContent.length()
                    + " chars; the ticket table holds at most " + MAX_HELD_CONTENT_CHARS);
        }
        Escalation e = n.toEscalation(EvidenceDraft.hashContent(heldContent));
        List<String> parts = chunks(heldContent);
        Owed owed = new Owed(e.queue(), e.createdAt());
        TableEntity row = toEntity(e, parts.size(), owed);
        if (estimatedBytes(row) > MAX_ENTITY_BYTES) {
            throw new IllegalArgumentException("ticket " + n.ticket()
                    + " is too large for one table entity (its findings and excerpt take about "
                    + estimatedBytes(row) + " bytes; at most " + MAX_ENTITY_BYTES + ")");
        }
        List<TableTransactionAction> actions = new ArrayList<>(parts.size() + 1);
        actions.add(new TableTransactionAction(TableTransactionActionType.CREATE, row));
        for (int i = 0; i < parts.size(); i++) {
            actions.add(new TableTransactionAction(
                    TableTransactionActionType.CREATE, heldEntity(e.ticket(), i, parts.get(i))));
        }
        try {
            table.submitTransaction(actions);
        } catch (TableServiceException x) {
            if (status(x) == 409) {
                throw new IllegalArgumentException("ticket " + n.ticket() + " already exists");
            }
            throw x;
        }
        // From here on the ticket exists: a failed send only delays the message, never the ticket.
        notifyReviewers(e, heldContent, owed, e.createdAt());
        return e;
    }

    /**
     * Sends every ticket whose message to reviewers is still owed since at or before {@code now}
     * minus {@link TableQueueEscalationConfig#resendGrace}, most urgent queue first, and clears each
     * one's flag. A queue whose send fails is left for the next call (its remaining tickets stay
     * owed); the other queues are still tried. Safe to run from several instances at once: the worst
     * a race can do is send a message twice.
     *
     * @return the number of messages the queues accepted
     */
    public int resendUnsent(Instant now) {
        Objects.requireNonNull(now, "now");
        String cutoff = instantKey(now.minus(config.resendGrace()));
        String filter = "RowKey eq '" + TICKET_ROW + "' and " + MESSAGE_OWED + " eq true and " + OWED_SINCE + " le '"
                + cutoff + "'";
        List<TableEntity> owedRows = new ArrayList<>();
        for (TableEntity row : table.listEntities(new ListEntitiesOptions().setFilter(filter), null, Context.NONE)) {
            if (owed(row) != null) {
                owedRows.add(row);
            }
        }
        owedRows.sort(Comparator.comparing((TableEntity r) -> owed(r).queue())
                .thenComparing(r -> owed(r).since())
                .thenComparing(TableEntity::getPartitionKey));
        Set<Severity> down = EnumSet.noneOf(Severity.class);
        int sent = 0;
        for (TableEntity row : owedRows) {
            Owed owed = owed(row);
            Escalation e = fromEntity(row);
            if (down.contains(owed.queue()) || !e.isOpen()) {
                continue;
            }
            String held = null;
            if (oversight.showRawContent()) {
                held = heldContent(e.ticket()).orElse(null);
            }
            if (!send(e, held, now)) {
                down.add(owed.queue());
                continue;
            }
            sent++;
            markSent(e.ticket(), owed);
        }
        return sent;
    }

    /** The number of sends to a queue that failed since this store was built (each left for a resend). */
    public long failedSends() {
        return failedSends.sum();
    }

    @Override
    public Optional<Escalation> get(String ticket) {
        Objects.requireNonNull(ticket, "ticket");
        return Optional.ofNullable(read(ticket)).map(TicketEntities::fromEntity);
    }

    @Override
    public List<Escalation> list(EscalationFilter filter, int limit) {
        Objects.requireNonNull(filter, "filter");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        StringBuilder f = new StringBuilder("RowKey eq '" + TICKET_ROW + "'");
        f.append(anyOf(STATUS, filter.statuses().stream().map(Enum::name).toList()));
        f.append(anyOf(QUEUE, filter.queues().stream().map(Enum::name).toList()));
        if (filter.decidedSince() != null) {
            f.append(" and ")
                    .append(DECIDED_AT_KEY)
                    .append(" ge '")
                    .append(instantKey(filter.decidedSince()))
                    .append("'");
        }
        // The latest of the earliest `limit` on top, so memory stays bounded by the limit.
        PriorityQueue<Escalation> earliest = new PriorityQueue<>(EARLIEST_DEADLINE.reversed());
        for (TableEntity row :
                table.listEntities(new ListEntitiesOptions().setFilter(f.toString()), null, Context.NONE)) {
            Escalation e = fromEntity(row);
            if (!filter.matches(e)) {
                continue;
            }
            earliest.add(e);
            if (earliest.size() > limit) {
                earliest.poll();
            }
        }
        List<Escalation> out = new ArrayList<>(earliest);
        out.sort(EARLIEST_DEADLINE);
        return List.copyOf(out);
    }

    @Override
    public Escalation decide(String ticket, ReviewDecision decision, Instant now) {
        Objects.requireNonNull(ticket, "ticket");
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(now, "now");
        for (int race = 0; race < MAX_RACES; race++) {
            TableEntity row = read(ticket);
            if (row == null) {
                throw new UnknownTicketException(ticket);
            }
            Escalation e = fromEntity(row);
            if (!e.isOpen()) {
                if (sameAs(decision, e)) {
                    return e;
                }
                throw new AlreadyDecidedException(ticket, e.status());
            }
            if (e.isOverdue(now)) {
                if (tryExpire(row, now) != null) {
                    throw new AlreadyDecidedException(ticket, EscalationStatus.EXPIRED);
                }
                continue;
            }
            Escalation after = decision.decision() == ReviewDecision.Kind.ESCALATE
                    ? tryEscalate(row, e, decision, now)
                    : tryDecide(row, e, decision, now);
            if (after != null) {
                return after;
            }
        }
        throw new IllegalStateException("ticket " + ticket + " kept changing under " + MAX_RACES + " attempts");
    }

    /** The final ticket, or null when the row changed since it was read. */
    private Escalation tryDecide(TableEntity row, Escalation e, ReviewDecision d, Instant now) {
        if (d.content() != null && d.content().length() > MAX_OUTCOME_CONTENT_CHARS) {
            throw new InvalidReviewException(
                    "content", "is longer than the " + MAX_OUTCOME_CONTENT_CHARS + " characters a ticket keeps");
        }
        EscalationStatus to = d.resultingStatus();
        Escalation after = e.decided(to, d.reviewer(), d.note(), now, d.content());
        boolean keepHeld = to == EscalationStatus.APPROVED;
        // A final ticket needs no reviewer, so a message still owed is dropped from the outbox.
        TableEntity next = toEntity(after, keepHeld ? heldChunks(row) : 0, null);
        if (estimatedBytes(next) > MAX_ENTITY_BYTES) {
            throw new InvalidReviewException("content", "is too long to keep with this ticket");
        }
        boolean written = keepHeld ? replace(row, next) : replaceDroppingHeld(row, next);
        return written ? after : null;
    }

    /** The escalated ticket, or null when the row changed since it was read. */
    private Escalation tryEscalate(TableEntity row, Escalation e, ReviewDecision d, Instant now) {
        if (e.queue() == Severity.CRITICAL) {
            throw new InvalidReviewException("decision", "a critical ticket cannot move to a higher queue");
        }
        Severity to = e.queue().higher();
        Escalation after = e.moved(to, now.plus(oversight.sla(to)), d.reviewer(), d.note(), now);
        // The move and the message it owes the new queue are one write: the outbox.
        Owed owed = new Owed(to, now);
        if (!replace(row, toEntity(after, heldChunks(row), owed))) {
            return null;
        }
        String held = null;
        if (oversight.showRawContent()) {
            try {
                held = heldContent(e.ticket()).orElse(null);
            } catch (RuntimeException readFailed) {
                // The move is done; the outbox sends the message, held content included, later.
                failedSends.increment();
                logSendFailure(after, readFailed);
                return after;
            }
        }
        notifyReviewers(after, held, owed, now);
        return after;
    }

    /** Expires the ticket {@code row} holds if it is still as read; the expired ticket, or null. */
    private Escalation tryExpire(TableEntity row, Instant now) {
        Escalation expired = fromEntity(row).decided(EscalationStatus.EXPIRED, null, null, now, null);
        return replaceDroppingHeld(row, toEntity(expired, 0, null)) ? expired : null;
    }

    @Override
    public Optional<String> heldContent(String ticket) {
        Objects.requireNonNull(ticket, "ticket");
        if (!storable(ticket)) {
            return Optional.empty();
        }
        TableEntity ticketRow = null;
        Map<String, String> held = new HashMap<>();
        String filter = "PartitionKey eq '" + ticket.replace("'", "''") + "'";
        for (TableEntity row : table.listEntities(new ListEntitiesOptions().setFilter(filter), null, Context.NONE)) {
            if (row.getRowKey().equals(TICKET_ROW)) {
                ticketRow = row;
            } else if (row.getRowKey().startsWith(HELD_ROW_PREFIX)) {
                held.put(row.getRowKey(), String.valueOf(row.getProperty(CONTENT)));
            }
        }
        if (ticketRow == null) {
            return Optional.empty();
        }
        EscalationStatus status = fromEntity(ticketRow).status();
        if (!status.isOpen() && status != EscalationStatus.APPROVED) {
            return Optional.empty();
        }
        int n = heldChunks(ticketRow);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String part = held.get(heldRow(i));
            if (part == null) {
                return Optional.empty();
            }
            b.append(part);
        }
        return n == 0 ? Optional.empty() : Optional.of(b.toString());
    }

    @Override
    public List<Escalation> expire(Instant now) {
        Objects.requireNonNull(now, "now");
        String filter = "RowKey eq '" + TICKET_ROW + "'"
                + anyOf(STATUS, List.of(EscalationStatus.PENDING.name(), EscalationStatus.ESCALATED.name()))
                + " and " + DEADLINE_KEY + " lt '" + instantKey(now) + "'";
        List<TableEntity> overdue = new ArrayList<>();
        for (TableEntity row : table.listEntities(new ListEntitiesOptions().setFilter(filter), null, Context.NONE)) {
            overdue.add(row);
        }
        overdue.sort(Comparator.comparing(TicketEntities::fromEntity, EARLIEST_DEADLINE));
        List<Escalation> out = new ArrayList<>(overdue.size());
        for (TableEntity row : overdue) {
            for (int race = 0; race < MAX_RACES && row != null; race++) {
                Escalation e = fromEntity(row);
                if (!e.isOverdue(now)) {
                    break;
                }
                Escalation expired = tryExpire(row, now);
                if (expired != null) {
                    out.add(expired);
                    break;
                }
                row = read(e.ticket());
            }
        }
        return out;
    }

    /**
     * Sends {@code e}, whose message has been owed as {@code owed}, and clears the flag; never
     * throws, since the ticket is already durable and {@link #resendUnsent} retries whatever did not
     * happen.
     */
    private void notifyReviewers(Escalation e, String heldContent, Owed owed, Instant now) {
        if (send(e, heldContent, now)) {
            markSent(e.ticket(), owed);
        }
    }

    /** Whether the queue accepted the message; a failure is counted and logged without content. */
    private boolean send(Escalation e, String heldContent, Instant now) {
        try {
            Duration untilDeadline = Duration.between(now, e.deadline());
            Duration ttl = (untilDeadline.isNegative() ? Duration.ZERO : untilDeadline).plus(MESSAGE_AFTERLIFE);
            queues.get(e.queue())
                    .sendMessageWithResponse(
                            messageBody(e, heldContent), null, ttl, config.sendTimeout(), Context.NONE);
            return true;
        } catch (RuntimeException sendFailed) {
            failedSends.increment();
            logSendFailure(e, sendFailed);
            return false;
        }
    }

    private void logSendFailure(Escalation e, RuntimeException cause) {
        LOG.log(
                System.Logger.Level.WARNING,
                "escalation_send_failed ticket={0} queue={1} status={2} error={3}",
                e.ticket(),
                e.queue().wireName(),
                e.status().name().toLowerCase(Locale.ROOT),
                cause.getClass().getSimpleName());
    }

    /** The JSON reviewers receive for {@code e}, cut to what one queue message holds. */
    String messageBody(Escalation e, String heldContent) {
        Escalation view = oversight.showRawContent() && heldContent != null ? e.withHeldContent(heldContent) : e;
        ObjectNode n = codec.escalation(view);
        if (fits(n)) {
            return n.toString();
        }
        if (n.remove("held_content") != null) {
            n.put("held_content_omitted", true);
            if (fits(n)) {
                return n.toString();
            }
        }
        n.remove("findings");
        n.put("findings_omitted", e.findings().size());
        n.remove("redacted_excerpt");
        n.remove("outcome_content");
        n.remove("note");
        return n.toString();
    }

    private static boolean fits(ObjectNode n) {
        return n.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_MESSAGE_BYTES;
    }

    /**
     * Clears the outbox flag of {@code ticket} if it still owes exactly {@code owed} (not sent by
     * another instance, escalated again, or decided since); never throws.
     */
    private void markSent(String ticket, Owed owed) {
        try {
            for (int race = 0; race < MAX_RACES; race++) {
                TableEntity row = read(ticket);
                if (row == null || !owed.equals(owed(row))) {
                    return;
                }
                if (replace(row, toEntity(fromEntity(row), heldChunks(row), null))) {
                    return;
                }
            }
        } catch (RuntimeException markFailed) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "escalation_mark_failed ticket={0} queue={1} error={2}",
                    ticket,
                    owed.queue().wireName(),
                    markFailed.getClass().getSimpleName());
        }
    }

    /** The ticket row, or null when there is none. */
    private TableEntity read(String ticket) {
        if (!storable(ticket)) {
            return null;
        }
        try {
            return table.getEntityWithResponse(ticket, TICKET_ROW, null, null, Context.NONE)
                    .getValue();
        } catch (TableServiceException x) {
            if (status(x) == 404) {
                return null;
            }
            throw x;
        }
    }

    /** Replaces {@code read} by {@code next} if the row is unchanged since; whether it was. */
    private boolean replace(TableEntity read, TableEntity next) {
        try {
            table.updateEntityWithResponse(
                    ifMatch(next, read), TableEntityUpdateMode.REPLACE, true, null, Context.NONE);
            return true;
        } catch (TableServiceException x) {
            if (status(x) == 412 || status(x) == 404) {
                return false;
            }
            throw x;
        }
    }

    /**
     * Replaces {@code read} by {@code next} and deletes its held-content rows in one transaction, if
     * the row is unchanged since; whether it was.
     */
    private boolean replaceDroppingHeld(TableEntity read, TableEntity next) {
        int chunks = heldChunks(read);
        if (chunks == 0) {
            return replace(read, next);
        }
        List<TableTransactionAction> actions = new ArrayList<>(chunks + 1);
        actions.add(new TableTransactionAction(TableTransactionActionType.UPDATE_REPLACE, ifMatch(next, read), true));
        for (int i = 0; i < chunks; i++) {
            actions.add(new TableTransactionAction(
                    TableTransactionActionType.DELETE, new TableEntity(read.getPartitionKey(), heldRow(i))));
        }
        try {
            table.submitTransaction(actions);
            return true;
        } catch (TableServiceException x) {
            if (status(x) == 412 || status(x) == 404) {
                return false;
            }
            throw x;
        }
    }

    private static TableEntity ifMatch(TableEntity next, TableEntity read) {
        return next.addProperty("odata.etag", read.getETag());
    }

    /**
     * The HTTP status of a failed call. A failed transaction carries no response of its own, only the
     * service's error code for the action that failed, so the code decides.
     */
    private static int status(TableServiceException x) {
        String code = x.getValue() == null ? "" : String.valueOf(x.getValue().getErrorCode());
        return switch (code) {
            case "EntityAlreadyExists" -> 409;
            case "UpdateConditionNotSatisfied", "ConditionNotMet" -> 412;
            case "ResourceNotFound", "EntityNotFound" -> 404;
            default -> x.getResponse() == null ? 0 : x.getResponse().getStatusCode();
        };
    }

    /** {@code " and (NAME eq 'A' or NAME eq 'B')"}, or nothing for no values. */
    private static String anyOf(String name, List<String> values) {
        if (values.isEmpty()) {
            return "";
        }
        StringJoiner j = new StringJoiner(" or ", " and (", ")");
        for (String v : values) {
            j.add(name + " eq '" + v + "'");
        }
        return j.toString();
    }

    /**
     * Whether {@code ticket} can be a table key as this store uses it: 1 to 128 printable ASCII
     * characters, none that keys forbid ({@code / \ # ?}) or that need escaping in a URL or filter
     * ({@code ' %}).
     */
    static boolean storable(String ticket) {
        if (ticket.isEmpty() || ticket.length() > 128) {
            return false;
        }
        for (int i = 0; i < ticket.length(); i++) {
            char c = ticket.charAt(i);
            if (c < 0x21 || c > 0x7e || "/\\#?'%".indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code e}, already final, is exactly what {@code d} would have made of it. */
    static boolean sameAs(ReviewDecision d, Escalation e) {
        return d.decision() != ReviewDecision.Kind.ESCALATE
                && e.status() == d.resultingStatus()
                && d.reviewer().equals(e.reviewer())
                && Objects.equals(d.note(), e.note())
                && Objects.equals(d.content(), e.outcomeContent());
    }
}
