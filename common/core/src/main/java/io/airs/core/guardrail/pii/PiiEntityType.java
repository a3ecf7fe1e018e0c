package io.airs.core.guardrail.pii;

/**
 * The kinds of personal data {@link PiiGuardrail} reports. The constant name is the finding's
 * {@code type}; names follow Microsoft Presidio's entity names where the two overlap.
 */
public enum PiiEntityType {
    EMAIL_ADDRESS(0.95),
    PHONE_NUMBER(0.75),
    CREDIT_CARD(0.95),
    IBAN_CODE(0.99),
    US_SSN(0.9),
    IP_ADDRESS(0.9),
    MAC_ADDRESS(0.9),
    DATE_OF_BIRTH(0.9),
    DATE_TIME(0.6),
    URL(0.6),
    US_DRIVER_LICENSE(0.7),
    PASSPORT(0.7),
    UK_NINO(0.85),
    CRYPTO(0.9),
    ADDRESS(0.7),
    PERSON(0.7),
    LOCATION(0.6),
    ORGANIZATION(0.6),
    AGE(0.6);

    private final double score;

    PiiEntityType(double score) {
        this.score = score;
    }

    /** The confidence a finding of this type is reported with. */
    public double score() {
        return score;
    }

    /** The PII detector's finding of this type over {@code [start, end)}. */
    io.airs.core.Finding finding(int start, int end) {
        return new io.airs.core.Finding(io.airs.core.Category.PII, name(), start, end, score, PiiGuardrail.ID);
    }
}
