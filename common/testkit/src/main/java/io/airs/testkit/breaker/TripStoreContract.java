package io.airs.testkit.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.airs.core.breaker.Flag;
import io.airs.core.breaker.Scope;
import io.airs.core.breaker.TripRecord;
import io.airs.core.breaker.TripStore;
import io.airs.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link TripStore} shares, whatever table keeps the trips. A subclass gives a
 * store over a fresh, empty table for each test, and adds the tests of its own storage (the item
 * shape, conditional-write races, paging, malformed items).
 */
public abstract class TripStoreContract {

    /** The time every test starts at. */
    protected static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    protected static final Scope CHAT = Scope.endpoint("chat");

    /** The test's clock, which the store reads. */
    protected MutableClock clock;

    private TripStore store;

    /** A store over a fresh, empty table, reading {@code clock}. */
    protected abstract TripStore newStore(MutableClock clock);

    @BeforeEach
    void freshStore() {
        clock = new MutableClock(T0);
        store = newStore(clock);
    }

    @Test
    void anOpenTripReadsAsAnOpenFlagUntilItLapses() {
        assertThat(store.open(CHAT, "block_rate", T0, T0.plusSeconds(60))).isPresent();

        Flag flag = store.read().flags().get(CHAT);
        assertThat(flag).isEqualTo(new Flag(true, "block_rate", T0));

        clock.advance(Duration.ofSeconds(60));
        assertThat(store.read().flags()).isEmpty();
    }

    @Test
    void everyWriteRaisesTheVersion() {
        store.open(CHAT, "block_rate", T0, T0.plusSeconds(60));
        store.close(CHAT, "probes_succeeded", T0.plusSeconds(90), null);
        store.open(CHAT, "error_rate", T0.plusSeconds(120), T0.plusSeconds(180));

        TripRecord t = store.get(CHAT).orElseThrow();
        assertThat(t.version()).isEqualTo(3);
        assertThat(t.open()).isTrue();
        assertThat(t.reason()).isEqualTo("error_rate");
    }

    @Test
    void openingAScopeAlreadyOpenLongEnoughWritesNothing() {
        store.open(CHAT, "block_rate", T0, T0.plusSeconds(60));
        clock.advance(Duration.ofSeconds(10));

        assertThat(store.open(CHAT, "block_rate", T0.plusSeconds(10), T0.plusSeconds(40)))
                .isEmpty();
        assertThat(store.get(CHAT).orElseThrow().version()).isEqualTo(1);
    }

    @Test
    void lengtheningAnOpenTripKeepsItsOpeningTime() {
        store.open(CHAT, "block_rate", T0, T0.plusSeconds(60));
        clock.advance(Duration.ofSeconds(30));

        TripRecord t =
                store.open(CHAT, "alarm:chat-blocks", T0.plusSeconds(30), null).orElseThrow();

        assertThat(t.since()).isEqualTo(T0);
        assertThat(t.until()).isNull();
        assertThat(t.version()).isEqualTo(2);
        assertThat(store.get(CHAT)).contains(t);
    }

    @Test
    void aTripThatLapsedIsReopenedWithANewOpeningTime() {
        store.open(CHAT, "block_rate", T0, T0.plusSeconds(60));
        clock.advance(Duration.ofSeconds(90));

        TripRecord t = store.open(CHAT, "error_rate", T0.plusSeconds(90), T0.plusSeconds(150))
                .orElseThrow();

        assertThat(t.since()).isEqualTo(T0.plusSeconds(90));
        assertThat(store.read().flags().get(CHAT)).isEqualTo(new Flag(true, "error_rate", T0.plusSeconds(90)));
    }

    @Test
    void closingDoesNotClearATripOpenedAfterTheCloseWasDecided() {
        store.open(CHAT, "error_rate", T0.plusSeconds(50), T0.plusSeconds(110));

        assertThat(store.close(CHAT, "probes_succeeded", T0.plusSeconds(40), null))
                .isEmpty();
        assertThat(store.get(CHAT).orElseThrow().open()).isTrue();
    }

    @Test
    void anOwnedCloseOnlyClearsItsOwnTrip() {
        store.open(CHAT, "block_rate", T0, T0.plusSeconds(60));

        assertThat(store.close(CHAT, "alarm_ok:x", T0.plusSeconds(5), "alarm:x"))
                .isEmpty();
        assertThat(store.close(CHAT, "probes_succeeded", T0.plusSeconds(5), "block_rate"))
                .isPresent();
    }

    @Test
    void closingAClosedOrUnknownScopeWritesNothing() {
        assertThat(store.close(CHAT, "manual", T0, null)).isEmpty();
        assertThat(store.get(CHAT)).isEmpty();

        store.open(CHAT, "block_rate", T0, null);
        store.close(CHAT, "manual", T0.plusSeconds(1), null);
        assertThat(store.close(CHAT, "manual", T0.plusSeconds(2), null)).isEmpty();
        assertThat(store.get(CHAT).orElseThrow().version()).isEqualTo(2);
    }
}
