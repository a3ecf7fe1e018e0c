package io.airs.testkit.oversight;

import io.airs.core.oversight.EscalationStore;
import io.airs.core.oversight.InMemoryEscalationStore;
import io.airs.core.oversight.OversightConfig;

/** The core's in-memory store passes the same contract, which keeps the contract honest. */
class InMemoryEscalationStoreContractTest extends EscalationStoreContract {

    @Override
    protected EscalationStore newStore(OversightConfig config) {
        return new InMemoryEscalationStore(config);
    }
}
