package io.airs.core.evidence;

import io.airs.core.io.AppendOnlyFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An {@link EvidenceSink} that appends records to a JSON Lines file, one record per line, written
 * and (by default) fsynced per record before {@link #append} returns.
 *
 * <p>Opening an existing file resumes its chain from the last line, after checking that line parses
 * and that its hash matches its content; a corrupt last line makes {@link #open} fail with a message
 * naming the file and line, so the chain never continues from a broken or forged head. Run {@link
 * EvidenceVerifier} to check the whole file. The sink holds an exclusive lock on the file while
 * open, so two writers cannot fork the chain. After a failed write it truncates the partial line
 * and refuses further appends; reopen it to continue.
 *
 * <pre>{@code
 * try (FileEvidenceSink sink = FileEvidenceSink.open(Path.of("evidence.jsonl"))) {
 *     sink.append(draft);
 * }
 * }</pre>
 */
public final class FileEvidenceSink implements EvidenceSink, AutoCloseable {

    private static final int CHUNK = 8192;

    private final Path file;
    private final FileEvidenceSinkConfig config;
    private final EvidenceCodec codec;
    private final AppendOnlyFile out;
    private final ReentrantLock lock = new ReentrantLock();
    private ChainHead head;
    private boolean missingNewline;

    private FileEvidenceSink(
            Path file,
            FileEvidenceSinkConfig config,
            EvidenceCodec codec,
            AppendOnlyFile out,
            ChainHead head,
            boolean missingNewline) {
        this.file = file;
        this.config = config;
        this.codec = codec;
        this.out = out;
        this.head = head;
        this.missingNewline = missingNewline;
    }

    /** Opens or creates {@code file} with {@link FileEvidenceSinkConfig#defaults()}, from genesis. */
    public static FileEvidenceSink open(Path file) throws IOException {
        return open(file, FileEvidenceSinkConfig.defaults(), ChainHead.genesis());
    }

    /** Opens or creates {@code file}; a new or empty file starts from genesis. */
    public static FileEvidenceSink open(Path file, FileEvidenceSinkConfig config) throws IOException {
        return open(file, config, ChainHead.genesis());
    }

    /**
     * Opens or creates {@code file}. A new or empty file continues the chain from {@code start} (the
     * head of the previous file, when files are rotated); a file with records resumes from its last
     * line and ignores {@code start}.
     *
     * @throws EvidenceFormatException when the file's last line is not an intact record
     * @throws IllegalStateException when another writer holds the file
     * @throws IOException when the file cannot be opened or read
     */
    public static FileEvidenceSink open(Path file, FileEvidenceSinkConfig config, ChainHead start) throws IOException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(start, "start");
        AppendOnlyFile out = AppendOnlyFile.open(file, "evidence file", config.fsync());
        try {
            FileChannel channel = out.channel();
            EvidenceCodec codec = new EvidenceCodec();
            long size = out.size();
            ChainHead head = start;
            boolean missingNewline = false;
            if (size > 0) {
                LastLine last = readLastLine(channel, size, config.maxLineBytes(), file);
                EvidenceRecord record;
                try {
                    record = codec.read(last.text());
                } catch (EvidenceFormatException e) {
                    throw corrupt(file, channel, last.start(), e.getMessage());
                }
                if (!codec.computeHash(record).equals(record.hash())) {
                    throw corrupt(file, channel, last.start(), "its hash does not match its content");
                }
                head = ChainHead.after(record);
                missingNewline = !last.terminated();
            }
            return new FileEvidenceSink(file, config, codec, out, head, missingNewline);
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }

    @Override
    public EvidenceRecord append(EvidenceDraft draft) {
        Objects.requireNonNull(draft, "draft");
        lock.lock();
        try {
            EvidenceCodec.SealedLine sealed = codec.sealLine(draft, head.nextSeq(), head.hash());
            ByteBuffer buf;
            if (missingNewline) {
                buf = ByteBuffer.allocate(sealed.line().length + 1);
                buf.put((byte) '\n').put(sealed.line()).flip();
            } else {
                buf = ByteBuffer.wrap(sealed.line());
            }
            out.append(buf);
            missingNewline = false;
            head = ChainHead.after(sealed.record());
            return sealed.record();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public ChainHead head() {
        lock.lock();
        try {
            return head;
        } finally {
            lock.unlock();
        }
    }

    /** The file this sink appends to. */
    public Path file() {
        return file;
    }

    /** Releases the file lock and closes the file; later appends throw. */
    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            out.close();
        } finally {
            lock.unlock();
        }
    }

    private record LastLine(String text, long start, boolean terminated) {}

    private static LastLine readLastLine(FileChannel channel, long size, int maxLineBytes, Path file)
            throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        channel.read(one, size - 1);
        boolean terminated = one.get(0) == '\n';
        long end = terminated ? size - 1 : size;
        long start = 0;
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
        search:
        for (long pos = end; pos > 0; ) {
            int n = (int) Math.min(CHUNK, pos);
            pos -= n;
            chunk.clear().limit(n);
            readFully(channel, chunk, pos);
            for (int i = n - 1; i >= 0; i--) {
                if (chunk.get(i) == '\n') {
                    start = pos + i + 1;
                    break search;
                }
            }
            if (end - pos > maxLineBytes) {
                throw corrupt(file, channel, pos, "it is longer than " + maxLineBytes + " bytes");
            }
        }
        if (end - start > maxLineBytes) {
            throw corrupt(file, channel, start, "it is longer than " + maxLineBytes + " bytes");
        }
        ByteBuffer line = ByteBuffer.allocate((int) (end - start));
        readFully(channel, line, start);
        line.flip();
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(line)
                    .toString();
        } catch (CharacterCodingException e) {
            throw corrupt(file, channel, start, "it is not valid UTF-8");
        }
        return new LastLine(text, start, terminated);
    }

    private static void readFully(FileChannel channel, ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            int n = channel.read(buf, pos + buf.position());
            if (n < 0) {
                throw new IOException("evidence file shrank while it was being read");
            }
        }
    }

    /** The failure for a corrupt line starting at byte {@code lineStart}, naming its line number. */
    private static EvidenceFormatException corrupt(Path file, FileChannel channel, long lineStart, String why)
            throws IOException {
        long line = 1;
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
        for (long pos = 0; pos < lineStart; ) {
            int n = (int) Math.min(CHUNK, lineStart - pos);
            chunk.clear().limit(n);
            readFully(channel, chunk, pos);
            for (int i = 0; i < n; i++) {
                if (chunk.get(i) == '\n') {
                    line++;
                }
            }
            pos += n;
        }
        return new EvidenceFormatException("evidence file " + file + " line " + line + " is corrupt (" + why
                + "); refusing to continue its chain: verify the file and repair or rotate it");
    }
}
