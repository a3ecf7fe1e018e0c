package io.airs.databricks.gateway;

import com.sun.net.httpserver.HttpExchange;
import io.airs.cli.serve.LocalRunner;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * Who may use the gateway: callers present one of the caller tokens, the administrator (who decides
 * escalations and flips kill switches) the admin token, both as {@code Authorization: Bearer}. Tokens
 * are kept as SHA-256 digests and compared in constant time. With no caller tokens configured, every
 * caller is let in (the gateway then must listen on a private interface only, as a sidecar); with no
 * admin token, the administrator's routes are closed.
 */
final class BearerAccess implements LocalRunner.Access {

    private final List<byte[]> callers;
    private final byte[] admin;

    BearerAccess(List<String> callerTokens, String adminToken) {
        this.callers = callerTokens.stream().map(BearerAccess::digest).toList();
        this.admin = adminToken == null || adminToken.isBlank() ? null : digest(adminToken);
    }

    @Override
    public boolean permits(HttpExchange exchange, Kind kind) {
        if (kind == Kind.HEALTH) {
            return true;
        }
        String presented = bearer(exchange.getRequestHeaders().getFirst("Authorization"));
        byte[] d = presented == null ? null : digest(presented);
        boolean isAdmin = admin != null && d != null && MessageDigest.isEqual(admin, d);
        if (kind == Kind.ADMIN) {
            return isAdmin;
        }
        if (callers.isEmpty() || isAdmin) {
            return true;
        }
        boolean ok = false;
        for (byte[] c : callers) {
            ok |= d != null && MessageDigest.isEqual(c, d);
        }
        return ok;
    }

    private static String bearer(String header) {
        if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String t = header.substring(7).strip();
        return t.isEmpty() ? null : t;
    }

    private static byte[] digest(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
