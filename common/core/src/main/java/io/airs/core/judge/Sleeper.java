package io.airs.core.judge;

import java.time.Duration;

/**
 * Waits between retries. Injected so that tests record the back-off instead of sleeping.
 *
 * <pre>{@code
 * List<Duration> waits = new ArrayList<>();
 * Sleeper recording = waits::add;
 * }</pre>
 */
@FunctionalInterface
public interface Sleeper {

    /** Waits for {@code duration}, or until interrupted. */
    void sleep(Duration duration) throws InterruptedException;

    /** A sleeper that blocks the calling thread. */
    static Sleeper blocking() {
        return d -> Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));
    }
}
