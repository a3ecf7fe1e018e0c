package io.airs.core.guardrail.secret;

/** The groups of secret rules that {@link SecretConfig} can switch on or off. */
public enum RuleFamily {
    /** Provider token formats from the shipped gitleaks rule list (AWS, GitHub, Slack, Stripe, ...). */
    PROVIDER,
    /** PEM and PGP private key blocks. */
    PRIVATE_KEY,
    /** JSON Web Tokens whose header decodes to JSON with an {@code alg}. */
    JWT,
    /** Credentials inside URLs ({@code scheme://user:pass@host}) and ADO/JDBC connection strings. */
    CONNECTION_STRING,
    /** Password, token and API key assignments in code, configuration, CLIs, SQL and prose. */
    ASSIGNMENT
}
