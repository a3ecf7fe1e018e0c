package io.airs.cli.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** The model behind the chat-completions proxy. */
public interface Upstream {

    /**
     * Sends an OpenAI chat-completions request and returns the (non-streaming) completion.
     *
     * @param request the request body, already checked and possibly redacted, with {@code stream} off
     * @param authorization the caller's {@code Authorization} header, passed through (may be null)
     * @throws UpstreamException when the model cannot be reached or answers with an error
     */
    ObjectNode complete(ObjectNode request, String authorization) throws UpstreamException;

    /** A failure of the upstream model; {@code status} is its HTTP status, or 0 when unreachable. */
    final class UpstreamException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;

        public UpstreamException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
