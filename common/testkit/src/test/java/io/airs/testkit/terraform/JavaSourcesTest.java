package io.airs.testkit.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JavaSourcesTest {

    @Test
    void readsStringLiteralsAndTextBlocksButNotCommentsOrCharacters() {
        String source = """
                // env.get("IN_LINE_COMMENT")
                /* "IN_BLOCK_COMMENT" */
                /** {@code "IN_JAVADOC"} */
                String a = env.get("ONE");
                String b = "escaped \\" quote";
                char c = '"';
                String e = \"""
                    text block
                    \""";
                """;
        assertThat(JavaSources.stringLiterals(source))
                .containsExactly("ONE", "escaped \\\" quote", "\n    text block\n    ");
    }
}
