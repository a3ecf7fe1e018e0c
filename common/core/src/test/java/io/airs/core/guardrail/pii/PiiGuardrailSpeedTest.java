package io.airs.core.guardrail.pii;

import static org.assertj.core.api.Assertions.assertThat;

import io.airs.core.Finding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A coarse guard against slow scanners; the precise figures come from the bench module. */
class PiiGuardrailSpeedTest {

    @Test
    void scansAFourKilobyteTextInMicroseconds() {
        String para = "Dear team, the quarterly report for 2023 shows revenue of $1,234,567.89 across 37 stores. "
                + "Please contact Dr. Jane Smith at jane.smith@example.com or +1 415 555 2671 about invoice 2023-000123. "
                + "Version 10.0.19041.1234 fixed the login issue reported on March 5, 2024 by several customers. ";
        StringBuilder b = new StringBuilder();
        while (b.length() < 4096) {
            b.append(para);
        }
        String text = b.substring(0, 4096);
        PiiGuardrail guardrail = new PiiGuardrail();
        List<Finding> out = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            out.clear();
            guardrail.scan(text, out);
        }
        long[] nanos = new long[2_000];
        for (int i = 0; i < nanos.length; i++) {
            out.clear();
            long t0 = System.nanoTime();
            guardrail.scan(text, out);
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        long p50 = nanos[nanos.length / 2];
        System.out.printf(
                "pii scan 4 KB: p50=%d us p90=%d us findings=%d%n",
                p50 / 1000, nanos[nanos.length * 9 / 10] / 1000, out.size());
        assertThat(p50).as("median nanoseconds per 4 KB scan").isLessThan(200_000L);
    }
}
