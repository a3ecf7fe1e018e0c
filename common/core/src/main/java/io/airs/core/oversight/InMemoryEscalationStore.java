package io.airs.core.oversight;

import java.util.List;
import java.util.Objects;

/**
 * An {@link EscalationStore} in memory, for tests and single-process use where losing pending
 * tickets on restart is acceptable. Thread-safe.
 */
public final class InMemoryEscalationStore extends JournalledStore {

    /** A store using {@code config}'s SLAs for ESCALATE decisions. */
    public InMemoryEscalationStore(OversightConfig config) {
        super(new EscalationBook(Objects.requireNonNull(config, "config")));
    }

    /** A store with {@link OversightConfig#defaults()}. */
    public InMemoryEscalationStore() {
        this(OversightConfig.defaults());
    }

    @Override
    void persist(List<JournalEvent> events) {
        // Nothing outlives the process.
    }
}
