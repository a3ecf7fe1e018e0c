package io.airs.core.guardrail.secret;

import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/** Alphabets and random secret bodies for the secret detector's tests. */
final class SecretSamples {

    static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    static final String DIGITS = "0123456789";
    static final String ALNUM = UPPER + LOWER + DIGITS;
    static final String HEX = "0123456789abcdef";

    private SecretSamples() {}

    /**
     * A random body with no run of repeated or consecutive characters, as real keys have, and none
     * of the fragments that mark a documentation value ("fake", "dummy"), which the detector leaves
     * alone by design (a random body spells one now and then).
     */
    static String body(Random r, String alphabet, int len) {
        while (true) {
            StringBuilder b = new StringBuilder(len);
            while (b.length() < len) {
                char c = alphabet.charAt(r.nextInt(alphabet.length()));
                if (b.length() > 0 && Math.abs(c - b.charAt(b.length() - 1)) <= 1) {
                    continue;
                }
                b.append(c);
            }
            String lower = b.toString().toLowerCase(Locale.ROOT);
            if (Stream.of("fake", "dummy", "sample", "example", "xxxx", "test").noneMatch(lower::contains)) {
                return b.toString();
            }
        }
    }
}
