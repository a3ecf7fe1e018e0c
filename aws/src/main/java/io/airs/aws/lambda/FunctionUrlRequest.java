package io.airs.aws.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP request as a Lambda Function URL (payload format 2.0) delivers it, decoded: the body is
 * Base64-decoded when the event says so, header names are lower-cased.
 *
 * @param method the HTTP method, upper case
 * @param path the raw path, still percent-encoded (a Bedrock model id may be an encoded ARN)
 * @param headers the headers, names in lower case; repeated headers arrive comma-joined
 * @param body the body bytes (empty when there is none)
 * @param requestId the Function URL's request id, or null
 */
public record FunctionUrlRequest(
        String method, String path, Map<String, String> headers, byte[] body, String requestId) {

    public FunctionUrlRequest {
        method = method == null ? "" : method.toUpperCase(Locale.ROOT);
        path = path == null || path.isEmpty() ? "/" : path;
        headers = Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /**
     * Decodes a Function URL event.
     *
     * @throws IllegalArgumentException when the event says the body is Base64 but it is not
     */
    public static FunctionUrlRequest from(APIGatewayV2HTTPEvent event) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((k, v) -> {
                if (k != null && v != null) {
                    headers.put(k.toLowerCase(Locale.ROOT), v);
                }
            });
        }
        String method = null;
        String requestId = null;
        var rc = event.getRequestContext();
        if (rc != null) {
            requestId = rc.getRequestId();
            if (rc.getHttp() != null) {
                method = rc.getHttp().getMethod();
            }
        }
        String path = event.getRawPath();
        if ((path == null || path.isEmpty()) && rc != null && rc.getHttp() != null) {
            path = rc.getHttp().getPath();
        }
        String raw = event.getBody();
        byte[] body;
        if (raw == null) {
            body = new byte[0];
        } else if (event.getIsBase64Encoded()) {
            body = Base64.getMimeDecoder().decode(raw);
        } else {
            body = raw.getBytes(StandardCharsets.UTF_8);
        }
        return new FunctionUrlRequest(method, path, headers, body, requestId);
    }

    /** A header's value by case-insensitive name, or null. */
    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}
