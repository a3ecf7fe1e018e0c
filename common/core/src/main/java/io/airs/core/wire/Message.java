package io.airs.core.wire;

/** One chat message: {@code role} ({@code system}, {@code user}, {@code assistant}, {@code tool}) and text. */
public record Message(String role, String content) {}
