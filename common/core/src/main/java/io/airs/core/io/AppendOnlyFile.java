package io.airs.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.EnumSet;
import java.util.Objects;

/**
 * A file held open for appending by one writer: an exclusive lock while open, whole-buffer appends
 * that are (optionally) fsynced before they return, and a failed append truncated back so no partial
 * line stays behind. After a failed append it refuses further appends; reopen it to continue.
 *
 * <p>Not thread-safe: the owner serialises calls (the evidence sink and the escalation journal each
 * append under their own lock).
 */
public final class AppendOnlyFile implements AutoCloseable {

    private final Path file;
    private final String name;
    private final boolean fsync;
    private final FileChannel channel;
    private final FileLock fileLock;
    private long size;
    private boolean failed;
    private boolean closed;

    private AppendOnlyFile(Path file, String name, boolean fsync, FileChannel channel, FileLock fileLock)
            throws IOException {
        this.file = file;
        this.name = name;
        this.fsync = fsync;
        this.channel = channel;
        this.fileLock = fileLock;
        this.size = channel.size();
    }

    /**
     * Opens or creates {@code file} and takes its lock.
     *
     * @param name what the file is, for messages ({@code "evidence file"})
     * @param fsync whether appends (and the creation of the file) are fsynced before they return
     * @param attrs attributes the file is created with when it does not exist yet
     * @throws IllegalStateException when another writer holds the file
     * @throws IOException when the file cannot be opened
     */
    public static AppendOnlyFile open(Path file, String name, boolean fsync, FileAttribute<?>... attrs)
            throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(name, "name");
        boolean created = !Files.exists(file);
        FileChannel channel = FileChannel.open(
                file, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE), attrs);
        try {
            FileLock fileLock;
            try {
                fileLock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                fileLock = null;
            }
            if (fileLock == null) {
                throw new IllegalStateException(name + " " + file + " is already open by another writer");
            }
            if (created && fsync) {
                syncDirectory(file);
            }
            return new AppendOnlyFile(file, name, fsync, channel, fileLock);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** The channel, for reading what the file already holds. */
    public FileChannel channel() {
        return channel;
    }

    /** The file's length: where the next append goes. */
    public long size() {
        return size;
    }

    /** Cuts the file back to {@code length} bytes (dropping a torn last line) and syncs it. */
    public void truncate(long length) throws IOException {
        channel.truncate(length);
        channel.force(true);
        size = length;
    }

    /**
     * Writes all of {@code buf} at the end of the file.
     *
     * @throws IllegalStateException when the file is closed or an earlier append failed
     * @throws UncheckedIOException when the write fails; the file is cut back to its length before it
     */
    public void append(ByteBuffer buf) {
        if (closed) {
            throw new IllegalStateException(name + " " + file + " is closed");
        }
        if (failed) {
            throw new IllegalStateException(name + " " + file + " failed an earlier write; reopen it");
        }
        long pos = size;
        try {
            while (buf.hasRemaining()) {
                pos += channel.write(buf, pos);
            }
            if (fsync) {
                channel.force(false);
            }
        } catch (IOException e) {
            failed = true;
            try {
                channel.truncate(size);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new UncheckedIOException("cannot append to " + name + " " + file, e);
        }
        size = pos;
    }

    /** Releases the lock and closes the file; later appends throw. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            fileLock.release();
        } finally {
            channel.close();
        }
    }

    private static void syncDirectory(Path file) {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null) {
            return;
        }
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Some platforms cannot sync a directory; the fsyncs of the appends still hold.
        }
    }
}
