package io.airs.azure.testing;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP request as the Functions Java worker hands it to a function: the binding's URI, method,
 * headers (the worker keeps the names as sent; here they are lower-cased, as HTTP/2 and the host's
 * proxy send them), query parameters and body, with the worker's response builder.
 */
public final class FakeHttpRequest<T> implements HttpRequestMessage<T> {

    private final URI uri;
    private final HttpMethod method;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, String> query = new HashMap<>();
    private final T body;

    private FakeHttpRequest(HttpMethod method, String uri, T body) {
        this.method = method;
        this.uri = URI.create("https://airs-enforcer.azurewebsites.net" + uri);
        this.body = body;
        String q = this.uri.getRawQuery();
        if (q != null) {
            for (String pair : q.split("&")) {
                int eq = pair.indexOf('=');
                query.put(
                        java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
    }

    /** A POST with a JSON body, as the binary data type delivers it. */
    public static FakeHttpRequest<Optional<byte[]>> post(String uri, String json) {
        FakeHttpRequest<Optional<byte[]>> r = new FakeHttpRequest<>(
                HttpMethod.POST, uri, Optional.ofNullable(json).map(s -> s.getBytes(StandardCharsets.UTF_8)));
        r.header("content-type", "application/json");
        return r;
    }

    /** A GET. */
    public static FakeHttpRequest<Optional<String>> get(String uri) {
        return new FakeHttpRequest<>(HttpMethod.GET, uri, Optional.empty());
    }

    public FakeHttpRequest<T> header(String name, String value) {
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, value);
        }
        return this;
    }

    @Override
    public URI getUri() {
        return uri;
    }

    @Override
    public HttpMethod getHttpMethod() {
        return method;
    }

    @Override
    public Map<String, String> getHeaders() {
        return headers;
    }

    @Override
    public Map<String, String> getQueryParameters() {
        return query;
    }

    @Override
    public T getBody() {
        return body;
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
        return new Response.Builder(status);
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
        return new Response.Builder(status);
    }

    /** The worker's response. */
    public static final class Response implements HttpResponseMessage {
        private final HttpStatusType status;
        private final Map<String, String> headers;
        private final Object body;

        private Response(HttpStatusType status, Map<String, String> headers, Object body) {
            this.status = status;
            this.headers = headers;
            this.body = body;
        }

        @Override
        public HttpStatusType getStatus() {
            return status;
        }

        @Override
        public String getHeader(String key) {
            return headers.get(key);
        }

        @Override
        public Object getBody() {
            return body;
        }

        /** The body as text, whatever type the function gave it. */
        public static String text(HttpResponseMessage r) {
            Object b = r.getBody();
            return b instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(b);
        }

        static final class Builder implements HttpResponseMessage.Builder {
            private HttpStatusType status;
            private final Map<String, String> headers = new LinkedHashMap<>();
            private Object body;

            Builder(HttpStatusType status) {
                this.status = status;
            }

            @Override
            public HttpResponseMessage.Builder status(HttpStatusType s) {
                this.status = s;
                return this;
            }

            @Override
            public HttpResponseMessage.Builder header(String key, String value) {
                headers.put(key, value);
                return this;
            }

            @Override
            public HttpResponseMessage.Builder body(Object b) {
                this.body = b;
                return this;
            }

            @Override
            public HttpResponseMessage build() {
                return new Response(status, Map.copyOf(headers), body);
            }
        }
    }
}
