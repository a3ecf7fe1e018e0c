package io.airs.core.guardrail.secret;

import java.util.ArrayList;
import java.util.List;

/** Findings proposed during one scan, before overlaps are resolved. Not thread-safe; one per scan. */
final class Candidates {

    /** One proposed secret span. */
    record Candidate(String type, int start, int end, double score) {}

    final List<Candidate> items = new ArrayList<>(4);

    void add(String type, int start, int end, double score) {
        if (end > start) {
            items.add(new Candidate(type, start, end, Math.min(1.0, Math.max(0.0, score))));
        }
    }
}
