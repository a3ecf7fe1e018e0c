package io.airs.core.guardrail.pii;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Check-digit and number-plan validators for the structured identifiers. */
final class Checksums {

    private Checksums() {}

    /** Luhn (mod 10) over {@code digits[0..n)}. */
    static boolean luhn(byte[] digits, int n) {
        int sum = 0;
        boolean dbl = false;
        for (int i = n - 1; i >= 0; i--) {
            int d = digits[i];
            if (dbl) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            dbl = !dbl;
        }
        return sum % 10 == 0;
    }

    private static int prefix(byte[] d, int n, int len) {
        int v = 0;
        for (int i = 0; i < len && i < n; i++) {
            v = v * 10 + d[i];
        }
        return v;
    }

    /**
     * Whether a digit string has the issuer prefix and length of a known card scheme (Visa,
     * Mastercard, Amex, Discover, Diners, JCB, UnionPay, Maestro, Mir).
     */
    static boolean knownCardIssuer(byte[] d, int n) {
        int p1 = d[0];
        int p2 = prefix(d, n, 2);
        int p3 = prefix(d, n, 3);
        int p4 = prefix(d, n, 4);
        int p6 = prefix(d, n, 6);
        if (p1 == 4) {
            return n == 13 || n == 16 || n == 19;
        }
        if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) {
            return n == 16;
        }
        if (p2 == 34 || p2 == 37) {
            return n == 15;
        }
        if (p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65 || (p6 >= 622126 && p6 <= 622925)) {
            return n >= 16 && n <= 19;
        }
        if ((p3 >= 300 && p3 <= 305) || p3 == 309 || p2 == 36 || p2 == 38 || p2 == 39) {
            return n >= 14 && n <= 19;
        }
        if (p4 >= 3528 && p4 <= 3589) {
            return n >= 16 && n <= 19;
        }
        if (p4 == 2131 || p4 == 1800) {
            return n == 15;
        }
        if (p2 == 62) {
            return n >= 16 && n <= 19;
        }
        if (p4 == 5018 || p4 == 5020 || p4 == 5038 || p4 == 5893 || p4 == 6304 || (p4 >= 6759 && p4 <= 6763)) {
            return n >= 12 && n <= 19;
        }
        if (p4 >= 2200 && p4 <= 2204) {
            return n >= 16 && n <= 19;
        }
        return false;
    }

    /** ISO 13616 IBAN length per country, or 0 for an unknown country. */
    static int ibanLength(char c0, char c1) {
        return switch ("" + c0 + c1) {
            case "NO" -> 15;
            case "BE" -> 16;
            case "DK", "FI", "FO", "GL", "NL" -> 18;
            case "MK", "SI" -> 19;
            case "AT", "BA", "EE", "KZ", "LT", "LU", "XK" -> 20;
            case "CH", "CR", "HR", "LI", "LV" -> 21;
            case "BG", "BH", "DE", "GB", "GE", "IE", "ME", "RS", "VA" -> 22;
            case "AE", "GI", "IL", "IQ", "TL" -> 23;
            case "AD", "CZ", "ES", "MD", "PK", "RO", "SA", "SE", "SK", "TN", "VG" -> 24;
            case "PT", "ST" -> 25;
            case "IS", "TR" -> 26;
            case "FR", "GR", "IT", "MC", "MR", "SM" -> 27;
            case "AL", "AZ", "BY", "CY", "DO", "GT", "HU", "LB", "PL", "SV" -> 28;
            case "BR", "EG", "PS", "QA", "UA" -> 29;
            case "JO", "KW", "MU" -> 30;
            case "MT", "SC" -> 31;
            case "LC" -> 32;
            case "RU" -> 33;
            default -> 0;
        };
    }

    /** ISO 7064 mod 97-10 over an upper-case IBAN of {@code n} chars held in {@code c}. */
    static boolean ibanMod97(char[] c, int n) {
        int rem = 0;
        for (int k = 0; k < n; k++) {
            char ch = c[(k + 4) % n];
            if (ch >= '0' && ch <= '9') {
                rem = (rem * 10 + (ch - '0')) % 97;
            } else if (ch >= 'A' && ch <= 'Z') {
                rem = (rem * 100 + (ch - 'A' + 10)) % 97;
            } else {
                return false;
            }
        }
        return rem == 1;
    }

    /** US SSA rules: area not 000, 666 or 9xx; group not 00; serial not 0000; known dummies out. */
    static boolean validSsn(int area, int group, int serial) {
        if (area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0) {
            return false;
        }
        // Widely published sample numbers (Woolworth wallet card, advertising examples).
        return !((area == 78 && group == 5 && serial == 1120)
                || (area == 219 && group == 9 && serial == 9999)
                || (area == 123 && group == 45 && serial == 6789));
    }

    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    /** Base58Check as used by Bitcoin P2PKH/P2SH addresses (25 bytes with a 4-byte checksum). */
    static boolean base58Check(CharSequence s, int from, int to) {
        byte[] out = new byte[25];
        for (int i = from; i < to; i++) {
            int carry = BASE58.indexOf(s.charAt(i));
            if (carry < 0) {
                return false;
            }
            for (int j = 24; j >= 0; j--) {
                carry += 58 * (out[j] & 0xff);
                out[j] = (byte) carry;
                carry >>>= 8;
            }
            if (carry != 0) {
                return false;
            }
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(out, 0, 21);
            byte[] h = sha.digest(sha.digest());
            for (int i = 0; i < 4; i++) {
                if (h[i] != out[21 + i]) {
                    return false;
                }
            }
            return true;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
        }
    }

    private static final String BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private static final int[] GEN = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};

    /** Bech32 / Bech32m checksum of a segwit address such as {@code bc1q...}, case-insensitive. */
    static boolean bech32(CharSequence s, int from, int to) {
        int sep = -1;
        for (int i = to - 1; i >= from; i--) {
            if (s.charAt(i) == '1') {
                sep = i;
                break;
            }
        }
        if (sep < from + 1 || to - sep - 1 < 6) {
            return false;
        }
        String hrp = s.subSequence(from, sep).toString().toLowerCase(java.util.Locale.ROOT);
        int chk = 1;
        byte[] h = hrp.getBytes(StandardCharsets.US_ASCII);
        for (byte b : h) {
            chk = polymod(chk, (b & 0xff) >> 5);
        }
        chk = polymod(chk, 0);
        for (byte b : h) {
            chk = polymod(chk, b & 31);
        }
        for (int i = sep + 1; i < to; i++) {
            int v = BECH32.indexOf(Character.toLowerCase(s.charAt(i)));
            if (v < 0) {
                return false;
            }
            chk = polymod(chk, v);
        }
        return chk == 1 || chk == 0x2bc830a3;
    }

    private static int polymod(int chk, int v) {
        int top = chk >>> 25;
        chk = ((chk & 0x1ffffff) << 5) ^ v;
        for (int i = 0; i < 5; i++) {
            if (((top >>> i) & 1) != 0) {
                chk ^= GEN[i];
            }
        }
        return chk;
    }
}
