package io.airs.core.breaker;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * A fixed set of counters over a sliding time window, kept in time buckets: memory is {@code
 * buckets x counters} longs whatever the traffic. A sum covers the current bucket and the {@code
 * buckets - 1} before it, so it sees everything from the last {@code window - window/buckets} and
 * nothing older than {@code window}.
 *
 * <p>Time only moves forward here: an instant older than the latest one seen counts as the latest,
 * so a clock stepping back can neither lose counts nor revive expired ones. Not thread-safe; the
 * owner guards it.
 *
 * <pre>{@code
 * SlidingCounters c = new SlidingCounters(Duration.ofMinutes(10), 120, 1);
 * c.add(now, 0, 1);
 * long blocksInTenMinutes = c.sum(now, 0);
 * }</pre>
 */
public final class SlidingCounters {

    private final long bucketMillis;
    private final int buckets;
    private final int counters;
    private final long[] epochs;
    private final long[] counts;
    private long latest = Long.MIN_VALUE;

    /**
     * @param window the span covered, at least one millisecond per bucket
     * @param buckets how many buckets the window is cut into, at least 1
     * @param counters how many counters share the buckets, at least 1
     */
    public SlidingCounters(Duration window, int buckets, int counters) {
        Objects.requireNonNull(window, "window");
        if (buckets < 1 || counters < 1) {
            throw new IllegalArgumentException("buckets and counters must be at least 1");
        }
        this.bucketMillis = Math.max(1, window.toMillis() / buckets);
        this.buckets = buckets;
        this.counters = counters;
        this.epochs = new long[buckets];
        Arrays.fill(epochs, Long.MIN_VALUE);
        this.counts = new long[buckets * counters];
    }

    /** Adds {@code delta} (not negative) to counter {@code counter} at {@code now}. */
    public void add(Instant now, int counter, long delta) {
        if (delta < 0) {
            throw new IllegalArgumentException("counts only grow; delta was " + delta);
        }
        Objects.checkIndex(counter, counters);
        long epoch = advance(now);
        int slot = slot(epoch);
        counts[slot * counters + counter] += delta;
    }

    /** The sum of counter {@code counter} over the window ending at {@code now}. */
    public long sum(Instant now, int counter) {
        Objects.checkIndex(counter, counters);
        long epoch = Math.max(epochOf(now), latest);
        long total = 0;
        for (int i = 0; i < buckets; i++) {
            long e = epochs[i];
            if (e != Long.MIN_VALUE && e > epoch - buckets && e <= epoch) {
                total += counts[i * counters + counter];
            }
        }
        return total;
    }

    /** Every counter's sum over the window ending at {@code now}, in counter order. */
    public long[] sums(Instant now) {
        long[] out = new long[counters];
        for (int c = 0; c < counters; c++) {
            out[c] = sum(now, c);
        }
        return out;
    }

    /** Forgets everything counted so far. */
    public void clear() {
        Arrays.fill(epochs, Long.MIN_VALUE);
        Arrays.fill(counts, 0);
    }

    private long advance(Instant now) {
        long epoch = Math.max(epochOf(now), latest);
        latest = epoch;
        int slot = slot(epoch);
        if (epochs[slot] != epoch) {
            // The slot last held a bucket at least one window old: reuse it.
            epochs[slot] = epoch;
            Arrays.fill(counts, slot * counters, slot * counters + counters, 0);
        }
        return epoch;
    }

    private long epochOf(Instant now) {
        return Math.floorDiv(now.toEpochMilli(), bucketMillis);
    }

    private int slot(long epoch) {
        return (int) Math.floorMod(epoch, (long) buckets);
    }
}
