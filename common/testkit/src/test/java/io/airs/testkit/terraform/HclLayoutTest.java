package io.airs.testkit.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HclLayoutTest {

    @Test
    void acceptsWhatTerraformFmtWrites() {
        assertThat(HclLayout.problems("a {\n  b = \"${x[\"k\"]}\" # {\n  c = [\n    1,\n  ]\n}\n"))
                .isEmpty();
    }

    @Test
    void catchesTabsWrongIndentTrailingBlanksAndOpenBrackets() {
        assertThat(HclLayout.problems("a {\n\tb = 1\n}\n")).isNotEmpty();
        assertThat(HclLayout.problems("a {\n   b = 1\n}\n")).containsExactly("line 2: indent 3, expected 2");
        assertThat(HclLayout.problems("a {\n  b = 1 \n}\n")).containsExactly("line 2: trailing whitespace");
        assertThat(HclLayout.problems("a {\n  b = 1\n")).isNotEmpty();
        assertThat(HclLayout.problems("a {\r\n}\r\n")).contains("carriage return: use Unix line ends");
        assertThat(HclLayout.problems("a {}\n\n")).containsExactly("file must end with exactly one newline");
    }
}
