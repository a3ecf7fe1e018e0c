package io.airs.core.oversight;

import io.airs.core.io.AppendOnlyFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A durable {@link EscalationStore}: an append-only journal ({@value #JOURNAL}, JSON Lines, one line
 * per event: {@code opened}, {@code decided}, {@code escalated}, {@code expired}) in a directory,
 * replayed on open to rebuild the state. The held payload travels in the {@code opened} line.
 *
 * <p>Every call that changes state writes its line(s) and (by default) fsyncs before it returns and
 * before the change is visible, so a {@code kill -9} at any point loses nothing that was
 * acknowledged. The newline ends a record: on open, an unterminated last line (a write torn by a
 * crash, never acknowledged) is truncated with a warning; a corrupt complete line stops the open
 * with {@link EscalationJournalException} naming the line, since dropping it could lose an
 * acknowledged event. The store holds an exclusive lock on the journal while open, so two processes
 * cannot interleave writes. After a failed write it truncates the partial line and refuses further
 * writes; reopen it to continue.
 *
 * <p>The journal holds the raw held content, so it is created readable and writable by its owner
 * only (where the file system has POSIX permissions); keep the directory private.
 *
 * <p>The journal is not compacted: it grows by one line per event, and the held payloads of decided
 * tickets stay in it (they are dropped from memory once a ticket is denied, modified or expired).
 * Rotate the directory offline if it grows too large.
 *
 * <pre>{@code
 * try (FileEscalationStore store = FileEscalationStore.open(Path.of("escalations"), OversightConfig.defaults())) {
 *     store.open(newEscalation, heldResponse);
 * }
 * }</pre>
 */
public final class FileEscalationStore extends JournalledStore implements AutoCloseable {

    /** The journal's file name inside the store directory. */
    public static final String JOURNAL = "escalations.jsonl";

    private static final System.Logger LOG = System.getLogger(FileEscalationStore.class.getName());

    private final Path file;
    private final AppendOnlyFile out;
    private final JournalCodec codec;
    private final long tornBytesDropped;

    private FileEscalationStore(
            Path file, AppendOnlyFile out, JournalCodec codec, EscalationBook book, long tornBytesDropped) {
        super(book);
        this.file = file;
        this.out = out;
        this.codec = codec;
        this.tornBytesDropped = tornBytesDropped;
    }

    /** Opens or creates the store in {@code dir}, fsyncing every write. */
    public static FileEscalationStore open(Path dir, OversightConfig config) throws IOException {
        return open(dir, config, FileEscalationStoreConfig.defaults());
    }

    /**
     * Opens or creates the store in {@code dir} (created if missing) and replays its journal.
     *
     * @throws EscalationJournalException when a complete journal line is corrupt or inconsistent
     * @throws IllegalStateException when another writer holds the journal
     * @throws IOException when the journal cannot be opened, read or repaired
     */
    public static FileEscalationStore open(Path dir, OversightConfig config, FileEscalationStoreConfig fileConfig)
            throws IOException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(fileConfig, "fileConfig");
        Files.createDirectories(dir);
        Path file = dir.resolve(JOURNAL);
        FileAttribute<?>[] ownerOnly =
                dir.getFileSystem().supportedFileAttributeViews().contains("posix")
                        ? new FileAttribute<?>[] {
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
                        }
                        : new FileAttribute<?>[0];
        AppendOnlyFile out = AppendOnlyFile.open(file, "escalation journal", fileConfig.fsync(), ownerOnly);
        try {
            JournalCodec codec = new JournalCodec();
            EscalationBook book = new EscalationBook(config);
            long size = out.size();
            long good = replay(file, out.channel(), size, codec, book);
            long dropped = size - good;
            if (dropped > 0) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "escalation journal {0}: dropping an unterminated last line of {1} bytes left by an"
                                + " interrupted write",
                        file,
                        dropped);
                out.truncate(good);
            }
            return new FileEscalationStore(file, out, codec, book, dropped);
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    /** Applies every complete line; returns the byte length of the complete lines. */
    private static long replay(Path file, FileChannel channel, long size, JournalCodec codec, EscalationBook book)
            throws IOException {
        if (size > Integer.MAX_VALUE - 16) {
            throw new IOException("escalation journal " + file + " is too large to replay (" + size + " bytes)");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) size);
        while (buf.hasRemaining()) {
            if (channel.read(buf, buf.position()) < 0) {
                throw new IOException("escalation journal " + file + " shrank while it was being read");
            }
        }
        byte[] bytes = buf.array();
        int start = 0;
        long line = 1;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            JournalEvent event;
            try {
                event = codec.read(bytes, start, i - start);
                book.apply(event);
            } catch (RuntimeException e) {
                throw new EscalationJournalException("escalation journal " + file + " line " + line + " is corrupt ("
                        + e.getMessage() + "); refusing to replay past it: repair the file");
            }
            start = i + 1;
            line++;
        }
        return start;
    }

    /** The journal file. */
    public Path journal() {
        return file;
    }

    /** How many bytes of a torn last line were dropped when this store was opened (0 if none). */
    public long tornBytesDropped() {
        return tornBytesDropped;
    }

    /** Releases the journal lock and closes it; later calls that write throw. */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            out.close();
        } finally {
            lock.unlock();
        }
    }

    @Override
    void persist(List<JournalEvent> events) {
        List<byte[]> lines = new ArrayList<>(events.size());
        int total = 0;
        for (JournalEvent e : events) {
            byte[] line = codec.write(e);
            lines.add(line);
            total += line.length;
        }
        ByteBuffer buf = ByteBuffer.allocate(total);
        for (byte[] line : lines) {
            buf.put(line);
        }
        buf.flip();
        out.append(buf);
    }
}
