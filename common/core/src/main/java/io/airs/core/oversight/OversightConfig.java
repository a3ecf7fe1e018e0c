package io.airs.core.oversight;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of human oversight.
 *
 * <pre>{@code
 * OversightConfig cfg = OversightConfig.defaults().withSla(Severity.HIGH, Duration.ofHours(2));
 * }</pre>
 *
 * @param sla how long a ticket may wait in each queue before it is denied; every {@link Severity}
 *     must be present and each duration positive. Default CRITICAL 1 h, HIGH 4 h, STANDARD 24 h,
 *     SAMPLING 72 h.
 * @param showRawContent whether reviewers may see the held content itself (in {@link
 *     Oversight#get} and {@link Oversight#list}); default {@code false}, so reviewers see only the
 *     redacted excerpt and findings
 * @param routing how the queue is chosen from a decision's findings, reason and risk tier; default
 *     {@link SeverityRouting#defaults()}
 * @param rubberStamp when a reviewer is flagged as possibly rubber-stamping; default {@link
 *     RubberStampConfig#defaults()}
 */
public record OversightConfig(
        Map<Severity, Duration> sla, boolean showRawContent, SeverityRouting routing, RubberStampConfig rubberStamp) {

    public OversightConfig {
        Objects.requireNonNull(sla, "sla");
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(rubberStamp, "rubberStamp");
        EnumMap<Severity, Duration> copy = new EnumMap<>(Severity.class);
        for (Severity s : Severity.values()) {
            Duration d = sla.get(s);
            if (d == null) {
                throw new IllegalArgumentException("sla: missing the " + s.wireName() + " queue");
            }
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("sla: the " + s.wireName() + " queue's SLA must be positive");
            }
            copy.put(s, d);
        }
        sla = Map.copyOf(copy);
    }

    /** SLAs 1 h / 4 h / 24 h / 72 h, raw content hidden, default routing and rubber-stamp thresholds. */
    public static OversightConfig defaults() {
        return new OversightConfig(
                Map.of(
                        Severity.CRITICAL, Duration.ofHours(1),
                        Severity.HIGH, Duration.ofHours(4),
                        Severity.STANDARD, Duration.ofHours(24),
                        Severity.SAMPLING, Duration.ofHours(72)),
                false,
                SeverityRouting.defaults(),
                RubberStampConfig.defaults());
    }

    /** The SLA of {@code queue}. */
    public Duration sla(Severity queue) {
        return sla.get(queue);
    }

    /** This configuration with the SLA of {@code queue} set to {@code d}. */
    public OversightConfig withSla(Severity queue, Duration d) {
        EnumMap<Severity, Duration> copy = new EnumMap<>(sla);
        copy.put(queue, d);
        return new OversightConfig(copy, showRawContent, routing, rubberStamp);
    }

    /** This configuration with {@link #showRawContent()} set. */
    public OversightConfig withShowRawContent(boolean show) {
        return new OversightConfig(sla, show, routing, rubberStamp);
    }

    /** This configuration with another routing. */
    public OversightConfig withRouting(SeverityRouting r) {
        return new OversightConfig(sla, showRawContent, r, rubberStamp);
    }

    /** This configuration with other rubber-stamp thresholds. */
    public OversightConfig withRubberStamp(RubberStampConfig r) {
        return new OversightConfig(sla, showRawContent, routing, r);
    }
}
