package io.airs.azure.testing;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.OffsetDateTime;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import reactor.core.publisher.Mono;

/**
 * What an SDK client needs to talk to WireMock's HTTPS port in a test: the Azure SDKs send bearer
 * tokens only over HTTPS, and WireMock's certificate is self-signed for no particular host. Test
 * code only: the client trusts any certificate.
 */
public final class LoopbackTls {

    /** The bearer token {@link #credential()} hands out. */
    public static final String TOKEN = "test-token";

    private LoopbackTls() {}

    /** A JDK HTTP client for the Azure SDKs that trusts any server certificate and host name. */
    public static HttpClient trustingHttpClient() {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
            return new JdkHttpClientBuilder(
                            java.net.http.HttpClient.newBuilder().sslContext(tls))
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A plain JDK client (for code that calls HTTP itself) with the same trust-everything TLS. */
    public static java.net.http.HttpClient trustingJdkClient() {
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
            return java.net.http.HttpClient.newBuilder()
                    .sslContext(tls)
                    .connectTimeout(java.time.Duration.ofSeconds(2))
                    .build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A credential that always returns {@link #TOKEN}, valid for an hour. */
    public static TokenCredential credential() {
        return request -> Mono.just(new AccessToken(TOKEN, OffsetDateTime.now().plusHours(1)));
    }

    /** Trusts every certificate; extended so that the JDK skips host name checks too. */
    private static final class TrustAll extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
