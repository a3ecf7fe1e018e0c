package io.airs.cli.compile;

/**
 * What a compiled Azure OpenAI content filter takes from outside the policy.
 *
 * @param name the RAI policy's name ({@code [a-zA-Z0-9][a-zA-Z0-9_.-]*}, as Azure requires); null
 *     derives {@code airs-<policy name>}
 */
public record AzureCompileOptions(String name) {

    public AzureCompileOptions {
        if (name != null && !name.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*")) {
            throw new IllegalArgumentException(
                    "RAI policy name must start with a letter or digit and hold only [a-zA-Z0-9_.-]");
        }
    }

    /** A derived name. */
    public static AzureCompileOptions defaults() {
        return new AzureCompileOptions(null);
    }
}
