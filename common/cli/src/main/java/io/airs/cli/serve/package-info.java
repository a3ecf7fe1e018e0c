/**
 * The local runner behind {@code airs serve}: the native {@code /v1/evaluate} endpoint and an
 * OpenAI-compatible chat-completions proxy on 127.0.0.1, over the JDK's HTTP server, with a built-in
 * echo model or any OpenAI-compatible upstream.
 */
package io.airs.cli.serve;
