package io.airs.databricks.job;

import io.airs.core.evidence.EvidenceDraft;

/**
 * Ids derived from what they name, so that judging the same inference-table row again yields the
 * same decision ids, tickets and evidence record ids, and MERGE recognises them. The job sets the
 * current row and stage before each call into the core, which draws ids through the suppliers. Not
 * thread-safe: one per partition.
 */
final class StableIds {

    private String base = "";
    private int drawn;

    /** Names the row and stage the next ids belong to. */
    void at(String endpoint, String requestId, String stage) {
        this.base = endpoint + '\u0000' + requestId + '\u0000' + stage;
        this.drawn = 0;
    }

    /** Names a driver-side step (a decision applied, a breaker moved) the next ids belong to. */
    void at(String step) {
        this.base = step;
        this.drawn = 0;
    }

    String decision() {
        return "dec_" + hash("decision");
    }

    String ticket() {
        return "esc_" + hash("ticket");
    }

    String record() {
        return "rec_" + hash("record" + drawn++);
    }

    private String hash(String kind) {
        return EvidenceDraft.hashContent(base + '\u0000' + kind).substring(0, 24);
    }
}
