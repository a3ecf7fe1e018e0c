package io.airs.core;

/**
 * The outcome of one check in one evaluation, as recorded in evidence.
 *
 * @param check the check's name in the policy (such as {@code pii})
 * @param detector the detector id that ran
 * @param verdict {@code pass}, {@code fired} or {@code error}
 * @param action the action the policy took for this check ({@code allow} when it passed)
 * @param score the highest score among its findings, 0 when none
 * @param latencyNanos time spent in the check
 */
public record CheckResult(
        String check, String detector, String verdict, Action action, double score, long latencyNanos) {

    public static final String PASS = "pass";
    public static final String FIRED = "fired";
    public static final String ERROR = "error";
}
