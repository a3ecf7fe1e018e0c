package io.airs.azure.testing;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import reactor.core.publisher.Mono;

/**
 * Test-only: an HTTP client that trusts WireMock's self-signed HTTPS certificate (the Azure SDKs and
 * the filter refuse tokens over plain HTTP), and a fixed managed-identity token.
 */
public final class Https {

    /** The token {@link #credential()} hands out. */
    public static final String TOKEN = "test-managed-identity-token";

    private Https() {}

    /** A JDK client trusting any certificate and not checking host names. Never use outside tests. */
    public static HttpClient trustingClient() {
        try {
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(
                    null,
                    new TrustManager[] {
                        new X509TrustManager() {
                            @Override
                            public void checkClientTrusted(X509Certificate[] chain, String authType) {}

                            @Override
                            public void checkServerTrusted(X509Certificate[] chain, String authType) {}

                            @Override
                            public X509Certificate[] getAcceptedIssuers() {
                                return new X509Certificate[0];
                            }
                        }
                    },
                    null);
            SSLParameters params = new SSLParameters();
            params.setEndpointIdentificationAlgorithm(null);
            return HttpClient.newBuilder()
                    .sslContext(ssl)
                    .sslParameters(params)
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A credential that always gives {@link #TOKEN}, counting the calls. */
    public static CountingCredential credential() {
        return new CountingCredential();
    }

    /** A fixed-token credential. */
    public static final class CountingCredential implements TokenCredential {
        private final AtomicInteger calls = new AtomicInteger();

        @Override
        public Mono<AccessToken> getToken(com.azure.core.credential.TokenRequestContext request) {
            calls.incrementAndGet();
            return Mono.just(new AccessToken(TOKEN, OffsetDateTime.now().plusHours(1)));
        }

        public int calls() {
            return calls.get();
        }
    }
}
