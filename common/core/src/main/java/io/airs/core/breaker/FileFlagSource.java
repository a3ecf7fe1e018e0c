package io.airs.core.breaker;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Kill switches kept in a local JSON file, the local runner's flag service:
 *
 * <pre>{@code
 * {"flags": {
 *   "global":        {"open": false, "reason": ""},
 *   "agent:ops-bot": {"open": true,  "reason": "INC-42 runaway tool loop", "updatedAt": "2025-01-01T10:00:00Z"}
 * }}
 * }</pre>
 *
 * <p>Each {@link #read()} looks at the file's modification time, size and identity, and parses it
 * again only when one of them changed, so a flag flipped by editing the file applies to the next
 * request. A missing file means no flags, unless the file was read before: then its disappearance is
 * an error. A malformed file never replaces good flags: the last good snapshot stays in force and
 * {@link #lastError()} says what is wrong, with line and field. {@code updatedAt} is optional and
 * defaults to the file's modification time. Thread-safe.
 */
public final class FileFlagSource implements FlagSource {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final Path path;
    private final ReentrantLock lock = new ReentrantLock();
    private FlagSnapshot snapshot = FlagSnapshot.empty();
    private FileStamp stamp;
    private boolean seen;
    private volatile String lastError;

    /** A source reading {@code path}; the file need not exist yet. */
    public FileFlagSource(Path path) {
        this.path = Objects.requireNonNull(path, "path").toAbsolutePath();
    }

    /** The file this source reads and writes. */
    public Path path() {
        return path;
    }

    @Override
    public FlagSnapshot read() {
        lock.lock();
        try {
            refresh();
            return snapshot;
        } finally {
            lock.unlock();
        }
    }

    /** Why the file could not be used the last time it changed, or empty when it is fine. */
    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    /**
     * Sets the flag for {@code scope} and rewrites the file atomically (a temporary file in the same
     * directory, then a rename), so readers see the old file or the new one, never half of one.
     *
     * @return the flags now in force
     * @throws IllegalStateException when the current file is malformed (it is left for a person to
     *     fix rather than overwritten, which would lose its other flags)
     * @throws UncheckedIOException when the file cannot be written
     */
    public FlagSnapshot set(Scope scope, boolean open, String reason, Instant now) {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(now, "now");
        lock.lock();
        try {
            Map<Scope, Flag> flags = new HashMap<>();
            try {
                BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
                flags.putAll(
                        parse(Files.readAllBytes(path), attrs.lastModifiedTime().toInstant()));
            } catch (NoSuchFileException e) {
                // First flag ever: start from none.
            } catch (FlagFileException e) {
                throw new IllegalStateException(
                        "refusing to rewrite malformed flag file " + path + ": " + e.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read flag file " + path, e);
            }
            flags.put(scope, new Flag(open, reason, now));
            write(flags);
            stamp = null;
            refresh();
            return snapshot;
        } finally {
            lock.unlock();
        }
    }

    private void refresh() {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            if (seen) {
                lastError = "flag file " + path + " has disappeared; keeping the last good flags";
            }
            stamp = null;
            return;
        } catch (IOException e) {
            lastError = "cannot read flag file " + path + ": " + e.getMessage();
            return;
        }
        FileStamp now = new FileStamp(attrs.lastModifiedTime().toMillis(), attrs.size(), attrs.fileKey());
        if (now.equals(stamp)) {
            return;
        }
        try {
            byte[] bytes = Files.readAllBytes(path);
            snapshot = new FlagSnapshot(parse(bytes, attrs.lastModifiedTime().toInstant()));
            lastError = null;
        } catch (FlagFileException e) {
            lastError = "flag file " + path + ": " + e.getMessage() + "; keeping the last good flags";
        } catch (IOException e) {
            lastError = "cannot read flag file " + path + ": " + e.getMessage();
            return;
        }
        // A bad file is remembered too, so it is not parsed again on every request until it changes.
        stamp = now;
        seen = true;
    }

    /** Parses the file's bytes; {@code fileTime} stands in for a missing {@code updatedAt}. */
    static Map<Scope, Flag> parse(byte[] bytes, Instant fileTime) throws FlagFileException, IOException {
        Map<Scope, Flag> out = new HashMap<>();
        try (JsonParser p = JSON.createParser(bytes)) {
            expect(p, p.nextToken(), JsonToken.START_OBJECT, "", "a JSON object with a \"flags\" field");
            boolean sawFlags = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                if (!field.equals("flags")) {
                    throw new FlagFileException(p.currentTokenLocation(), field, "unknown field (expected \"flags\")");
                }
                sawFlags = true;
                expect(p, p.nextToken(), JsonToken.START_OBJECT, "flags", "an object mapping scopes to flags");
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    String where = "flags." + key;
                    Scope scope;
                    try {
                        scope = Scope.parse(key);
                    } catch (IllegalArgumentException e) {
                        throw new FlagFileException(p.currentTokenLocation(), where, e.getMessage());
                    }
                    if (out.containsKey(scope)) {
                        throw new FlagFileException(p.currentTokenLocation(), where, "scope listed twice");
                    }
                    out.put(scope, parseFlag(p, where, fileTime));
                }
            }
            if (!sawFlags) {
                throw new FlagFileException(p.currentLocation(), "flags", "missing field");
            }
            if (p.nextToken() != null) {
                throw new FlagFileException(p.currentTokenLocation(), "", "unexpected content after the object");
            }
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            throw new FlagFileException(loc, "", "not valid JSON: " + e.getOriginalMessage());
        }
        return out;
    }

    private static Flag parseFlag(JsonParser p, String where, Instant fileTime) throws IOException, FlagFileException {
        expect(p, p.nextToken(), JsonToken.START_OBJECT, where, "an object with \"open\"");
        Boolean open = null;
        String reason = "";
        Instant updatedAt = fileTime;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            String at = where + "." + field;
            JsonToken t = p.nextToken();
            switch (field) {
                case "open" -> {
                    if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
                        throw new FlagFileException(p.currentTokenLocation(), at, "expected true or false");
                    }
                    open = t == JsonToken.VALUE_TRUE;
                }
                case "reason" -> {
                    if (t == JsonToken.VALUE_NULL) {
                        reason = "";
                    } else {
                        expect(p, t, JsonToken.VALUE_STRING, at, "a string");
                        reason = p.getText();
                    }
                }
                case "updatedAt" -> {
                    expect(p, t, JsonToken.VALUE_STRING, at, "an ISO-8601 instant such as 2025-01-01T10:00:00Z");
                    try {
                        updatedAt = Instant.parse(p.getText());
                    } catch (DateTimeParseException e) {
                        throw new FlagFileException(
                                p.currentTokenLocation(),
                                at,
                                "expected an ISO-8601 instant such as 2025-01-01T10:00:00Z");
                    }
                }
                default ->
                    throw new FlagFileException(
                            p.currentTokenLocation(), at, "unknown field (expected open, reason or updatedAt)");
            }
        }
        if (open == null) {
            throw new FlagFileException(p.currentTokenLocation(), where + ".open", "missing field");
        }
        return new Flag(open, reason, updatedAt);
    }

    private static void expect(JsonParser p, JsonToken actual, JsonToken wanted, String where, String what)
            throws FlagFileException {
        if (actual != wanted) {
            throw new FlagFileException(p.currentTokenLocation(), where, "expected " + what);
        }
    }

    private void write(Map<Scope, Flag> flags) {
        Map<String, Flag> sorted = new TreeMap<>();
        flags.forEach((s, f) -> sorted.put(s.wire(), f));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(bytes)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeObjectFieldStart("flags");
            for (var e : sorted.entrySet()) {
                g.writeObjectFieldStart(e.getKey());
                g.writeBooleanField("open", e.getValue().open());
                g.writeStringField("reason", e.getValue().reason());
                g.writeStringField("updatedAt", e.getValue().updatedAt().toString());
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        bytes.write('\n');
        Path dir = path.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + path.getFileName() + ".", ".tmp");
            Files.write(tmp, bytes.toByteArray());
            try {
                Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write flag file " + path, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // The write already failed; that is the error worth reporting.
                }
            }
        }
    }

    private record FileStamp(long modifiedMillis, long size, Object fileKey) {}

    /** A flag file that parses but says something this source does not accept. */
    static final class FlagFileException extends Exception {
        FlagFileException(JsonLocation loc, String field, String problem) {
            super(describe(loc, field, problem));
        }

        private static String describe(JsonLocation loc, String field, String problem) {
            StringBuilder b = new StringBuilder();
            if (loc != null && loc.getLineNr() > 0) {
                b.append("line ").append(loc.getLineNr()).append(", column ").append(loc.getColumnNr());
            }
            if (!field.isEmpty()) {
                b.append(b.isEmpty() ? "" : ", ").append("field ").append(field);
            }
            return b.append(b.isEmpty() ? "" : ": ").append(problem).toString();
        }
    }
}
