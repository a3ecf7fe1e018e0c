package io.airs.core.oversight;

/**
 * Configuration of {@link FileEscalationStore}.
 *
 * @param fsync whether each journal write is forced to the device before the call returns; default
 *     {@code true}. Only tests and throwaway runs should turn it off: without it an acknowledged
 *     escalation or decision can be lost in a power failure (a process kill alone loses nothing).
 */
public record FileEscalationStoreConfig(boolean fsync) {

    /** fsync on. */
    public static FileEscalationStoreConfig defaults() {
        return new FileEscalationStoreConfig(true);
    }
}
