package io.airs.core.evidence;

/**
 * Settings of a {@link FileEvidenceSink}.
 *
 * @param fsync whether every append forces the record to the storage device before it returns;
 *     without it a record reaches the operating system per append but may be lost on power failure
 * @param maxLineBytes the longest last line the sink reads when it resumes an existing file
 */
public record FileEvidenceSinkConfig(boolean fsync, int maxLineBytes) {

    public FileEvidenceSinkConfig {
        if (maxLineBytes < 1024) {
            throw new IllegalArgumentException("maxLineBytes must be at least 1024");
        }
    }

    /** fsync on every append; lines up to 16 MiB. */
    public static FileEvidenceSinkConfig defaults() {
        return new FileEvidenceSinkConfig(true, 16 << 20);
    }

    /** These settings with {@code fsync} changed. */
    public FileEvidenceSinkConfig withFsync(boolean fsync) {
        return new FileEvidenceSinkConfig(fsync, maxLineBytes);
    }
}
