package io.airs.core.breaker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link FlagSource} that asks another at most once per TTL and, when that read fails, keeps
 * serving the last snapshot that was read successfully (empty until the first success). The
 * failure is kept for status reporting in {@link #lastError()}. Thread-safe; one caller refreshes
 * while the others are served the cached snapshot.
 *
 * <pre>{@code
 * var flags = new CachedFlagSource(appConfigFlags, Duration.ofSeconds(5), clock);
 * }</pre>
 */
public final class CachedFlagSource implements FlagSource {

    private final FlagSource inner;
    private final Duration ttl;
    private final Clock clock;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile FlagSnapshot snapshot = FlagSnapshot.empty();
    private volatile String lastError;
    private volatile Instant lastAttempt;

    /**
     * @param inner the source to read
     * @param ttl how long a read is served before the next one; zero reads every time
     * @param clock the clock that ages reads
     */
    public CachedFlagSource(FlagSource inner, Duration ttl, Clock clock) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.ttl = Objects.requireNonNull(ttl, "ttl");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (ttl.isNegative()) {
            throw new IllegalArgumentException("ttl must not be negative");
        }
    }

    @Override
    public FlagSnapshot read() {
        Instant now = clock.instant();
        if (fresh(now)) {
            return snapshot;
        }
        if (!lock.tryLock()) {
            return snapshot;
        }
        try {
            if (!fresh(now)) {
                refresh(now);
            }
            return snapshot;
        } finally {
            lock.unlock();
        }
    }

    /** Makes the next {@link #read()} ask the inner source (after this process changed a flag, say). */
    public void invalidate() {
        lastAttempt = null;
    }

    /** Why the last read of the inner source failed, or empty when it succeeded. */
    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    private boolean fresh(Instant now) {
        Instant last = lastAttempt;
        return last != null && now.isBefore(last.plus(ttl)) && !now.isBefore(last);
    }

    private void refresh(Instant now) {
        lastAttempt = now;
        try {
            FlagSnapshot s = Objects.requireNonNull(inner.read(), "flag source returned null");
            snapshot = s;
            lastError = null;
        } catch (RuntimeException e) {
            // Keep the last good flags: a broken flag service must neither reopen nor cut traffic.
            String message = e.getMessage();
            lastError = e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        }
    }
}
