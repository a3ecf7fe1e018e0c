package io.airs.core.redact;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A {@link PseudonymVault} in memory. Tokens are HMAC-SHA256 over session, type and value with a
 * secret key held by the vault, so they cannot be guessed from values nor linked across sessions.
 * Each session holds at most {@code maxEntriesPerSession} values (the oldest are dropped and no longer
 * restore) and the vault at most {@code maxSessions} sessions (least recently used dropped first).
 *
 * <pre>{@code
 * PseudonymVault vault = new InMemoryPseudonymVault(secretKeyBytes, 1_000, 10_000);
 * }</pre>
 */
public final class InMemoryPseudonymVault implements PseudonymVault {

    /** Hex characters of the HMAC kept in a token: 48 bits, ample within one session. */
    private static final int TOKEN_HEX = 12;

    private static final int MAX_TOKEN_LENGTH = 96;

    private final SecretKeySpec key;
    private final int maxEntriesPerSession;
    private final Map<String, Session> sessions;

    /**
     * @param secretKey the HMAC key, at least 16 bytes; copied
     * @param maxEntriesPerSession how many values one session keeps
     * @param maxSessions how many sessions the vault keeps
     */
    public InMemoryPseudonymVault(byte[] secretKey, int maxEntriesPerSession, int maxSessions) {
        Objects.requireNonNull(secretKey, "secretKey");
        if (secretKey.length < 16) {
            throw new IllegalArgumentException("secret key must have at least 16 bytes");
        }
        if (maxEntriesPerSession < 1 || maxSessions < 1) {
            throw new IllegalArgumentException("bounds must be positive");
        }
        this.key = new SecretKeySpec(secretKey.clone(), "HmacSHA256");
        this.maxEntriesPerSession = maxEntriesPerSession;
        this.sessions = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Session> eldest) {
                return size() > maxSessions;
            }
        };
    }

    /** A vault keeping 1,000 values per session and 10,000 sessions. */
    public InMemoryPseudonymVault(byte[] secretKey) {
        this(secretKey, 1_000, 10_000);
    }

    private Session session(String id) {
        Objects.requireNonNull(id, "session");
        synchronized (sessions) {
            return sessions.computeIfAbsent(id, k -> new Session(maxEntriesPerSession));
        }
    }

    private Session existing(String id) {
        synchronized (sessions) {
            return sessions.get(id);
        }
    }

    @Override
    public String pseudonym(String session, String type, String value) {
        checkType(type);
        Objects.requireNonNull(value, "value");
        String token = "<" + type + "_" + hmac(session, type, value) + ">";
        Session s = session(session);
        synchronized (s) {
            s.put(token, value);
        }
        return token;
    }

    @Override
    public String placeholder(String session, String type, String value) {
        checkType(type);
        Objects.requireNonNull(value, "value");
        Session s = session(session);
        synchronized (s) {
            String key = type + '\u0000' + value;
            String token = s.placeholders.get(key);
            if (token == null) {
                int next = s.counters.merge(type, 1, Integer::sum);
                token = "<" + type + "_" + next + ">";
                s.placeholders.put(key, token);
            }
            s.put(token, value);
            return token;
        }
    }

    @Override
    public String restore(String session, String text) {
        Objects.requireNonNull(text, "text");
        Session s = existing(session);
        if (s == null || text.indexOf('<') < 0) {
            return text;
        }
        StringBuilder out = null;
        int copied = 0;
        synchronized (s) {
            for (int i = text.indexOf('<'); i >= 0; i = text.indexOf('<', i + 1)) {
                int close = text.indexOf('>', i + 1);
                if (close < 0) {
                    break;
                }
                if (close - i > MAX_TOKEN_LENGTH) {
                    continue;
                }
                String value = s.values.get(text.substring(i, close + 1));
                if (value != null) {
                    if (out == null) {
                        out = new StringBuilder(text.length() + 32);
                    }
                    out.append(text, copied, i).append(value);
                    copied = close + 1;
                    i = close;
                }
            }
        }
        if (out == null) {
            return text;
        }
        return out.append(text, copied, text.length()).toString();
    }

    @Override
    public void forget(String session) {
        synchronized (sessions) {
            sessions.remove(session);
        }
    }

    private static void checkType(String type) {
        Objects.requireNonNull(type, "type");
        if (type.isEmpty() || type.length() > 40) {
            throw new IllegalArgumentException("bad type");
        }
        for (int i = 0; i < type.length(); i++) {
            char c = type.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || (c >= 'a' && c <= 'z') || c == '-')) {
                throw new IllegalArgumentException("type must be [A-Za-z0-9_-]");
            }
        }
    }

    private String hmac(String session, String type, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(session.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(type.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            byte[] h = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, TOKEN_HEX / 2);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is mandatory in every JDK", e);
        }
    }

    /** One session's tokens; guarded by its own monitor. */
    private static final class Session {
        final Map<String, String> values;
        final Map<String, String> placeholders = new HashMap<>();
        final Map<String, Integer> counters = new HashMap<>();

        Session(int max) {
            this.values = new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    if (size() > max) {
                        placeholders.values().remove(eldest.getKey());
                        return true;
                    }
                    return false;
                }
            };
        }

        void put(String token, String value) {
            values.put(token, value);
        }
    }
}
