package io.airs.azure.openai;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Bearer tokens of a {@link TokenCredential} (the function app's managed identity) for one scope,
 * cached and refreshed five minutes before they expire (one identity call per token's life, not per
 * request). Thread-safe.
 *
 * <pre>{@code
 * Supplier<String> tokens = new ManagedIdentityTokens(new ManagedIdentityCredentialBuilder().build(), ManagedIdentityTokens.COGNITIVE_SERVICES);
 * }</pre>
 */
public final class ManagedIdentityTokens implements Supplier<String> {

    /** The scope of Azure OpenAI and Content Safety. */
    public static final String COGNITIVE_SERVICES = "https://cognitiveservices.azure.com/.default";

    private static final Duration REFRESH_BEFORE = Duration.ofMinutes(5);

    private final TokenCredential credential;
    private final TokenRequestContext request;
    private final Clock clock;
    private AccessToken token;

    public ManagedIdentityTokens(TokenCredential credential, String scope) {
        this(credential, scope, Clock.systemUTC());
    }

    public ManagedIdentityTokens(TokenCredential credential, String scope, Clock clock) {
        this.credential = Objects.requireNonNull(credential, "credential");
        this.request = new TokenRequestContext().addScopes(Objects.requireNonNull(scope, "scope"));
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * A valid token.
     *
     * @throws IllegalStateException when the identity gave none
     */
    @Override
    public synchronized String get() {
        OffsetDateTime soon = OffsetDateTime.now(clock).plus(REFRESH_BEFORE);
        if (token == null
                || token.getExpiresAt() == null
                || token.getExpiresAt().isBefore(soon)) {
            AccessToken t = credential.getTokenSync(request);
            if (t == null || t.getToken() == null) {
                throw new IllegalStateException("the managed identity returned no token");
            }
            token = t;
        }
        return token.getToken();
    }
}
