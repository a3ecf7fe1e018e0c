package io.airs.core;

import java.util.Locale;

/**
 * Where in an AI interaction content is checked.
 *
 * <p>{@code input} is what a user or calling agent sends; {@code context} is retrieved documents and
 * tool output entering the model (where indirect injection hides); {@code output} is what the model
 * returns; {@code tool_call} is a call the model asks to make.
 */
public enum Stage {
    INPUT,
    CONTEXT,
    OUTPUT,
    TOOL_CALL;

    /** The name used on the wire and in policy files, such as {@code tool_call}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a wire name, case-insensitively.
     *
     * @throws IllegalArgumentException naming the accepted values when {@code name} is not a stage
     */
    public static Stage fromWire(String name) {
        if (name != null) {
            for (Stage s : values()) {
                if (s.wireName().equalsIgnoreCase(name)) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException(
                "unknown stage '" + name + "' (expected input, context, output or tool_call)");
    }
}
