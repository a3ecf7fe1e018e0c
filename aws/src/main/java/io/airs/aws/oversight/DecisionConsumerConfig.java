package io.airs.aws.oversight;

import java.util.Objects;

/**
 * How {@link DecisionConsumerHandler} treats the messages it reads.
 *
 * @param rejected what happens to a message that retrying cannot help (malformed JSON, an invalid
 *     decision, an unknown ticket, a decision that conflicts with the final one, a ticket already
 *     expired); default {@link Rejected#DEAD_LETTER}
 * @param maxBodyChars the longest message body read, in UTF-16 chars (1 to 262144, the SQS maximum
 *     message size); longer bodies are rejected unread. Default 65536.
 */
public record DecisionConsumerConfig(Rejected rejected, int maxBodyChars) {

    /** The fate of a message that can never be applied. */
    public enum Rejected {
        /**
         * Report it as a batch item failure, so the queue's redrive policy moves it to the
         * dead-letter queue after {@code maxReceiveCount} receipts, where operators can see it in the
         * console. Retries change nothing: the decision is refused every time.
         */
        DEAD_LETTER,
        /** Log it (message id and reason, never content) and delete it from the queue. */
        DROP
    }

    public DecisionConsumerConfig {
        Objects.requireNonNull(rejected, "rejected");
        if (maxBodyChars < 1 || maxBodyChars > 262_144) {
            throw new IllegalArgumentException("maxBodyChars must be 1 to 262144");
        }
    }

    /** Rejected messages dead-lettered, bodies up to 64 Ki chars. */
    public static DecisionConsumerConfig defaults() {
        return new DecisionConsumerConfig(Rejected.DEAD_LETTER, 65_536);
    }
}
