package io.airs.core.breaker;

import java.util.Locale;
import java.util.Objects;

/**
 * What a breaker or flag covers: all traffic ({@code global}), one endpoint, one agent or one tool.
 *
 * <p>The wire form is {@code global} or {@code kind:name}, for example {@code endpoint:chat}, {@code
 * agent:ops-bot} or {@code tool:upload}.
 *
 * <pre>{@code
 * Scope s = Scope.parse("agent:ops-bot");   // same as Scope.agent("ops-bot")
 * s.wire();                                 // "agent:ops-bot"
 * }</pre>
 *
 * @param kind what sort of thing the scope names
 * @param name the endpoint, agent or tool name; empty for {@link Kind#GLOBAL}
 */
public record Scope(Kind kind, String name) {

    /** The longest accepted name, in UTF-16 units. */
    public static final int MAX_NAME_LENGTH = 128;

    private static final Scope GLOBAL = new Scope(Kind.GLOBAL, "");

    /** The kinds of scope, with their wire prefixes. */
    public enum Kind {
        GLOBAL,
        ENDPOINT,
        AGENT,
        TOOL;

        /** The wire prefix, such as {@code agent}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Scope {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (kind == Kind.GLOBAL) {
            if (!name.isEmpty()) {
                throw new IllegalArgumentException("the global scope takes no name");
            }
        } else {
            String problem = nameProblem(name);
            if (problem != null) {
                throw new IllegalArgumentException(kind.wireName() + " scope name " + problem);
            }
        }
    }

    /** The scope covering all traffic. */
    public static Scope global() {
        return GLOBAL;
    }

    /** The scope of one enforcement endpoint. */
    public static Scope endpoint(String name) {
        return new Scope(Kind.ENDPOINT, name);
    }

    /** The scope of one agent identity. */
    public static Scope agent(String name) {
        return new Scope(Kind.AGENT, name);
    }

    /** The scope of one tool. */
    public static Scope tool(String name) {
        return new Scope(Kind.TOOL, name);
    }

    /**
     * Parses the wire form ({@code global}, {@code endpoint:chat}, {@code agent:ops-bot}, {@code
     * tool:upload}).
     *
     * @throws IllegalArgumentException saying what is wrong and what is expected
     */
    public static Scope parse(String wire) {
        if (wire == null || wire.isEmpty()) {
            throw new IllegalArgumentException("empty scope (expected global, endpoint:NAME, agent:NAME or tool:NAME)");
        }
        if (wire.equals("global")) {
            return GLOBAL;
        }
        int colon = wire.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("unknown scope '" + printable(wire)
                    + "' (expected global, endpoint:NAME, agent:NAME or tool:NAME)");
        }
        String prefix = wire.substring(0, colon);
        Kind kind = switch (prefix) {
            case "endpoint" -> Kind.ENDPOINT;
            case "agent" -> Kind.AGENT;
            case "tool" -> Kind.TOOL;
            case "global" -> throw new IllegalArgumentException("the global scope takes no name");
            default ->
                throw new IllegalArgumentException(
                        "unknown scope kind '" + printable(prefix) + "' (expected endpoint, agent or tool)");
        };
        return new Scope(kind, wire.substring(colon + 1));
    }

    /** The wire form: {@code global} or {@code kind:name}. */
    public String wire() {
        return kind == Kind.GLOBAL ? "global" : kind.wireName() + ":" + name;
    }

    /** Whether this is the scope covering all traffic. */
    public boolean isGlobal() {
        return kind == Kind.GLOBAL;
    }

    @Override
    public String toString() {
        return wire();
    }

    private static String nameProblem(String name) {
        if (name.isEmpty()) {
            return "is empty";
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return "is longer than " + MAX_NAME_LENGTH + " characters";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            // Names end up in flag files, evidence and URLs: keep them to one printable token.
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSurrogate(c) || c == ':') {
                return "may not contain white space, control characters, surrogates or ':' (at index " + i + ")";
            }
        }
        return null;
    }

    private static String printable(String s) {
        StringBuilder b = new StringBuilder(Math.min(s.length(), 40));
        for (int i = 0; i < s.length() && i < 40; i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c > 0x7e ? '?' : c);
        }
        return s.length() > 40 ? b + "..." : b.toString();
    }
}
