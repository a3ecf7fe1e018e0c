package io.airs.core.oversight;

import java.util.Objects;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Id suppliers for tickets and review evidence records: a prefix and 20 random base32 characters
 * (100 bits), such as {@code esc_k3v9q2m7xw4r8t1b6n5p}. Opaque, unguessable with a secure generator,
 * and safe in URLs.
 *
 * <pre>{@code
 * Supplier<String> tickets = TicketIds.random("esc_", new SecureRandom());
 * }</pre>
 */
public final class TicketIds {

    /** The prefix of escalation tickets. */
    public static final String TICKET_PREFIX = "esc_";

    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
    private static final int LENGTH = 20;

    private TicketIds() {}

    /**
     * A thread-safe supplier of {@code prefix} + 20 base32 characters drawn from {@code random}
     * (which it synchronises on, since most generators are not thread-safe).
     */
    public static Supplier<String> random(String prefix, RandomGenerator random) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(random, "random");
        return () -> {
            char[] out = new char[prefix.length() + LENGTH];
            prefix.getChars(0, prefix.length(), out, 0);
            long bits;
            synchronized (random) {
                bits = random.nextLong();
                long more = random.nextLong();
                for (int i = 0; i < LENGTH; i++) {
                    // 12 characters from the first 60 bits, 8 from the next 40.
                    long src = i < 12 ? bits >>> (5 * i) : more >>> (5 * (i - 12));
                    out[prefix.length() + i] = BASE32[(int) (src & 31)];
                }
            }
            return new String(out);
        };
    }
}
