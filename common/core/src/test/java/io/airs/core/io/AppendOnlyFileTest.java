package io.airs.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppendOnlyFileTest {

    @TempDir
    Path dir;

    private static ByteBuffer bytes(String s) {
        return ByteBuffer.wrap(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void appendsGoToTheEndAndReopeningStartsFromTheLength() throws IOException {
        Path file = dir.resolve("log.jsonl");
        try (AppendOnlyFile out = AppendOnlyFile.open(file, "test log", true)) {
            out.append(bytes("one\n"));
            out.append(bytes("two\n"));
            assertThat(out.size()).isEqualTo(8);
        }
        try (AppendOnlyFile out = AppendOnlyFile.open(file, "test log", false)) {
            assertThat(out.size()).isEqualTo(8);
            out.append(bytes("three\n"));
        }
        assertThat(Files.readString(file)).isEqualTo("one\ntwo\nthree\n");
    }

    @Test
    void truncateCutsTheFileAndTheNextAppendFollowsIt() throws IOException {
        Path file = dir.resolve("log.jsonl");
        Files.writeString(file, "one\ntorn");
        try (AppendOnlyFile out = AppendOnlyFile.open(file, "test log", true)) {
            out.truncate(4);
            out.append(bytes("two\n"));
        }
        assertThat(Files.readString(file)).isEqualTo("one\ntwo\n");
    }

    @Test
    void aSecondWriterIsRefusedNamingTheFile() throws IOException {
        Path file = dir.resolve("log.jsonl");
        try (AppendOnlyFile out = AppendOnlyFile.open(file, "test log", true)) {
            assertThatThrownBy(() -> AppendOnlyFile.open(file, "test log", true))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("test log " + file)
                    .hasMessageContaining("already open");
        }
        AppendOnlyFile.open(file, "test log", true).close();
    }

    @Test
    void appendingAfterCloseIsRefused() throws IOException {
        Path file = dir.resolve("log.jsonl");
        AppendOnlyFile out = AppendOnlyFile.open(file, "test log", true);
        out.close();
        out.close();
        assertThatThrownBy(() -> out.append(bytes("late\n")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed");
        assertThat(Files.size(file)).isZero();
    }
}
