package io.airs.core.breaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlagSourcesTest {

    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    @TempDir
    Path dir;

    private Path write(String name, String json, int secondsAfterT0) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, json, StandardCharsets.UTF_8);
        // Each rewrite gets its own modification time, as an edit a moment later would.
        Files.setLastModifiedTime(p, FileTime.from(T0.plusSeconds(secondsAfterT0)));
        return p;
    }

    @Test
    void readsFlagsFromTheDocumentedFormat() throws IOException {
        Path p = write("flags.json", """
                {"flags": {
                  "global": {"open": false, "reason": ""},
                  "agent:ops-bot": {"open": true, "reason": "runaway loop", "updatedAt": "2025-01-01T10:00:00Z"}
                }}
                """, 1);
        FlagSnapshot s = new FileFlagSource(p).read();
        assertThat(s.isOpen(Scope.agent("ops-bot"))).isTrue();
        assertThat(s.isOpen(Scope.global())).isFalse();
        assertThat(s.flag(Scope.agent("ops-bot")).orElseThrow())
                .isEqualTo(new Flag(true, "runaway loop", Instant.parse("2025-01-01T10:00:00Z")));
        // Without updatedAt the file's modification time stands in.
        assertThat(s.flag(Scope.global()).orElseThrow().updatedAt()).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void aMissingFileMeansNoFlags() {
        FileFlagSource source = new FileFlagSource(dir.resolve("none.json"));
        assertThat(source.read().flags()).isEmpty();
        assertThat(source.lastError()).isEmpty();
    }

    @Test
    void rereadsTheFileWhenItChanges() throws IOException {
        Path p = write("flags.json", "{\"flags\": {\"tool:upload\": {\"open\": false}}}", 1);
        FileFlagSource source = new FileFlagSource(p);
        assertThat(source.read().isOpen(Scope.tool("upload"))).isFalse();
        write("flags.json", "{\"flags\": {\"tool:upload\": {\"open\": true }}}", 2);
        assertThat(source.read().isOpen(Scope.tool("upload"))).isTrue();
        // Same length, new time: still noticed.
        write("flags.json", "{\"flags\": {\"tool:upload\": {\"open\":false }}}", 3);
        assertThat(source.read().isOpen(Scope.tool("upload"))).isFalse();
    }

    @Test
    void aMalformedFileKeepsTheLastGoodFlagsAndSaysWhere() throws IOException {
        Path p = write("flags.json", "{\"flags\": {\"agent:ops-bot\": {\"open\": true}}}", 1);
        FileFlagSource source = new FileFlagSource(p);
        assertThat(source.read().isOpen(Scope.agent("ops-bot"))).isTrue();

        write("flags.json", "{\"flags\": {\n  \"agent:ops-bot\": {\"open\": \"yes\"}\n}}", 2);
        assertThat(source.read().isOpen(Scope.agent("ops-bot"))).isTrue();
        assertThat(source.lastError())
                .hasValueSatisfying(e -> assertThat(e)
                        .contains("line 2")
                        .contains("flags.agent:ops-bot.open")
                        .contains("expected true or false")
                        .contains("keeping the last good flags"));

        write("flags.json", "{\"flags\": {\"agent:ops-bot\": {\"open\": true,}}}", 3);
        assertThat(source.read().isOpen(Scope.agent("ops-bot"))).isTrue();
        assertThat(source.lastError()).hasValueSatisfying(e -> assertThat(e).contains("not valid JSON"));

        write("flags.json", "{\"flags\": {\"user:bob\": {\"open\": true}}}", 4);
        source.read();
        assertThat(source.lastError())
                .hasValueSatisfying(
                        e -> assertThat(e).contains("flags.user:bob").contains("unknown scope kind"));

        write("flags.json", "{\"flags\": {\"agent:ops-bot\": {\"open\": false}}}", 5);
        assertThat(source.read().isOpen(Scope.agent("ops-bot"))).isFalse();
        assertThat(source.lastError()).isEmpty();
    }

    @Test
    void rejectsUnknownFieldsAndMissingOpen() throws IOException {
        FileFlagSource source = new FileFlagSource(write("a.json", "{\"flag\": {}}", 1));
        source.read();
        assertThat(source.lastError()).hasValueSatisfying(e -> assertThat(e).contains("field flag"));
        source = new FileFlagSource(write("b.json", "{\"flags\": {\"global\": {\"reason\": \"x\"}}}", 1));
        source.read();
        assertThat(source.lastError())
                .hasValueSatisfying(e -> assertThat(e).contains("flags.global.open: missing field"));
    }

    @Test
    void aDeletedFileKeepsTheLastGoodFlags() throws IOException {
        Path p = write("flags.json", "{\"flags\": {\"global\": {\"open\": true}}}", 1);
        FileFlagSource source = new FileFlagSource(p);
        assertThat(source.read().isOpen(Scope.global())).isTrue();
        Files.delete(p);
        assertThat(source.read().isOpen(Scope.global())).isTrue();
        assertThat(source.lastError()).hasValueSatisfying(e -> assertThat(e).contains("disappeared"));
    }

    @Test
    void setRewritesTheFileAtomicallyAndKeepsOtherFlags() throws IOException {
        Path p = write("flags.json", "{\"flags\": {\"global\": {\"open\": false, \"reason\": \"\"}}}", 1);
        FileFlagSource source = new FileFlagSource(p);
        FlagSnapshot after = source.set(Scope.agent("ops-bot"), true, "INC-12", T0.plusSeconds(60));
        assertThat(after.flag(Scope.agent("ops-bot")).orElseThrow())
                .isEqualTo(new Flag(true, "INC-12", T0.plusSeconds(60)));
        assertThat(after.flag(Scope.global())).isPresent();
        // A fresh reader sees the same flags, and no temporary file is left behind.
        assertThat(new FileFlagSource(p).read()).isEqualTo(after);
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("flags.json");
        }
        assertThat(source.set(Scope.agent("ops-bot"), false, "resolved", T0.plusSeconds(120))
                        .isOpen(Scope.agent("ops-bot")))
                .isFalse();
    }

    @Test
    void setCreatesAMissingFileButRefusesToOverwriteAMalformedOne() throws IOException {
        FileFlagSource fresh = new FileFlagSource(dir.resolve("sub/flags.json"));
        assertThat(fresh.set(Scope.global(), true, "drill", T0).isOpen(Scope.global()))
                .isTrue();
        Path bad = write("bad.json", "{not json", 1);
        assertThatThrownBy(() -> new FileFlagSource(bad).set(Scope.global(), true, "x", T0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("malformed");
        assertThat(Files.readString(bad)).isEqualTo("{not json");
    }

    @Test
    void cachedSourceReadsAtMostOncePerTtl() {
        AtomicInteger reads = new AtomicInteger();
        StepClock clock = new StepClock(T0);
        CachedFlagSource cached = new CachedFlagSource(
                () -> {
                    reads.incrementAndGet();
                    return FlagSnapshot.empty();
                },
                Duration.ofSeconds(5),
                clock);
        cached.read();
        cached.read();
        clock.advance(Duration.ofSeconds(4));
        cached.read();
        assertThat(reads).hasValue(1);
        clock.advance(Duration.ofSeconds(1));
        cached.read();
        assertThat(reads).hasValue(2);
    }

    @Test
    void cachedSourceServesLastKnownGoodWhenTheInnerSourceThrows() {
        StepClock clock = new StepClock(T0);
        FlagSnapshot good = new FlagSnapshot(Map.of(Scope.tool("upload"), new Flag(true, "outage", T0)));
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        CachedFlagSource cached = new CachedFlagSource(
                () -> {
                    if (failure.get() != null) {
                        throw failure.get();
                    }
                    return good;
                },
                Duration.ofSeconds(1),
                clock);
        assertThat(cached.read()).isEqualTo(good);
        failure.set(new IllegalStateException("AppConfig timed out"));
        clock.advance(Duration.ofSeconds(2));
        assertThat(cached.read()).isEqualTo(good);
        assertThat(cached.lastError()).hasValueSatisfying(e -> assertThat(e).contains("AppConfig timed out"));
        failure.set(null);
        clock.advance(Duration.ofSeconds(2));
        cached.read();
        assertThat(cached.lastError()).isEmpty();
    }

    @Test
    void cachedSourceStartsEmptyWhenTheFirstReadFails() {
        CachedFlagSource cached = new CachedFlagSource(
                () -> {
                    throw new IllegalStateException("down");
                },
                Duration.ZERO,
                new StepClock(T0));
        assertThat(cached.read().flags()).isEmpty();
        assertThat(cached.lastError()).isPresent();
    }
}
