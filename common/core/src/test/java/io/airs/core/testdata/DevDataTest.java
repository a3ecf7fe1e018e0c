package io.airs.core.testdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;

class DevDataTest {

    @Test
    void readsEveryDevelopmentSetWithSpansThatMatchTheirValues() {
        assumeTrue(DevData.dir().isPresent(), "shared/data is not beside the repository");
        var rows = DevData.load("pii_dev.jsonl");
        assertThat(rows).hasSizeGreaterThan(1000);
        for (var row : rows) {
            for (var e : row.entities()) {
                int[] span = row.utf16Span(e);
                assertThat(span[1]).isGreaterThanOrEqualTo(span[0]);
                assertThat(row.raw().path("entities")).isNotEmpty();
            }
        }
        assertThat(DevData.load("injection_dev.jsonl")).anyMatch(DevData.Row::positive);
    }
}
