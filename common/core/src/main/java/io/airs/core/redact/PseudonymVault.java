package io.airs.core.redact;

/**
 * Holds, per session, which replacement token stands for which original value, so redacted text can
 * be restored (for example, a model's answer that repeats a placeholder). Implementations are
 * thread-safe.
 *
 * <pre>{@code
 * String token = vault.pseudonym("session-1", "EMAIL_ADDRESS", "a@b.example");
 * String back = vault.restore("session-1", "write to " + token); // "write to a@b.example"
 * }</pre>
 */
public interface PseudonymVault {

    /** A stable keyed token for {@code value} in {@code session}, such as {@code <EMAIL_ADDRESS_3fa2...>}. */
    String pseudonym(String session, String type, String value);

    /** A numbered placeholder for {@code value} in {@code session}, such as {@code <EMAIL_ADDRESS_1>}. */
    String placeholder(String session, String type, String value);

    /** Replaces every token of {@code session} found in {@code text} by its original value. */
    String restore(String session, String text);

    /** Forgets everything held for {@code session}. */
    void forget(String session);
}
