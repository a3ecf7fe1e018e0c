package io.airs.core.judge;

import java.time.Duration;
import java.util.Objects;

/**
 * Size and behaviour of an {@link AsyncJudgeQueue}.
 *
 * @param capacity most requests waiting at once; [1, 1,000,000]; default 1,000
 * @param workers worker threads judging in parallel; [1, 256]; default 4
 * @param overflow what a submit does when the queue is full; default {@link Overflow#DROP_OLDEST}
 * @param closeTimeout how long {@link AsyncJudgeQueue#close()} waits for each worker; [0, 5 min];
 *     default 5 s
 */
public record AsyncJudgeQueueConfig(int capacity, int workers, Overflow overflow, Duration closeTimeout) {

    /** What a submit to a full queue does. Neither blocks the caller. */
    public enum Overflow {
        /**
         * The oldest waiting request is discarded to make room (counted in {@link
         * AsyncJudgeQueue.Stats#dropped()}): recent traffic matters most to a post-hoc judge.
         */
        DROP_OLDEST,
        /** The new request is refused (counted in {@link AsyncJudgeQueue.Stats#rejected()}). */
        REJECT
    }

    public AsyncJudgeQueueConfig {
        Objects.requireNonNull(overflow, "overflow");
        Objects.requireNonNull(closeTimeout, "closeTimeout");
        if (capacity < 1 || capacity > 1_000_000) {
            throw new IllegalArgumentException("judge queue capacity must be within [1, 1000000], got " + capacity);
        }
        if (workers < 1 || workers > 256) {
            throw new IllegalArgumentException("judge queue workers must be within [1, 256], got " + workers);
        }
        if (closeTimeout.isNegative() || closeTimeout.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("judge queue closeTimeout must be within [0, 5m], got " + closeTimeout);
        }
    }

    /** 1,000 requests, 4 workers, drop oldest, 5 s close timeout. */
    public static AsyncJudgeQueueConfig defaults() {
        return new AsyncJudgeQueueConfig(1_000, 4, Overflow.DROP_OLDEST, Duration.ofSeconds(5));
    }
}
