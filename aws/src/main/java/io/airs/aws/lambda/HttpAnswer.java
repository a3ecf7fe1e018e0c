package io.airs.aws.lambda;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP answer before it is encoded for the Function URL.
 *
 * @param status the HTTP status
 * @param headers response headers ({@code Content-Type} is always set)
 * @param body the JSON body
 */
public record HttpAnswer(int status, Map<String, String> headers, String body) {

    public HttpAnswer {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.putIfAbsent("Content-Type", "application/json");
        headers = Map.copyOf(h);
        body = body == null ? "" : body;
    }

    /** A JSON answer with no extra headers. */
    public static HttpAnswer json(int status, String body) {
        return new HttpAnswer(status, Map.of(), body);
    }

    /** The Function URL response (payload format 2.0). */
    public APIGatewayV2HTTPResponse toResponse() {
        return APIGatewayV2HTTPResponse.builder()
                .withStatusCode(status)
                .withHeaders(new LinkedHashMap<>(headers))
                .withBody(body)
                .withIsBase64Encoded(false)
                .build();
    }
}
