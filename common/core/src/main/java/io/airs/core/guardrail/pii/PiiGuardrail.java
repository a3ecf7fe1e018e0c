package io.airs.core.guardrail.pii;

import io.airs.core.Finding;
import io.airs.core.guardrail.Guardrail;
import java.util.List;
import java.util.Objects;

/**
 * Finds personal data in text. Each scanner is triggered by a cheap character test (an {@code @}
 * for e-mail, a digit at a token start for cards, phones and national numbers, a letter pair for
 * IBANs) and accepts a candidate only when it passes the format's own validation: Luhn and issuer
 * ranges for payment cards, the country length table and mod-97 for IBANs, SSA rules for SSNs,
 * octet ranges for IPv4, digit counts plus formatting or a nearby cue word for phone numbers.
 *
 * <pre>{@code
 * Guardrail pii = new PiiGuardrail(PiiConfig.defaults());
 * List<Finding> out = new ArrayList<>();
 * pii.scan("card 4111 1111 1111 1111, mail a.b@example.org", out);
 * }</pre>
 *
 * <p>Findings have category {@code pii}, a {@link PiiEntityType} name as type, and a span that
 * covers exactly the value. Immutable and thread-safe.
 */
public final class PiiGuardrail implements Guardrail {

    /** The id reported as the detector of every finding. */
    public static final String ID = "pii";

    private final PiiConfig config;
    private final java.util.function.Supplier<PiiTagger> tagger;

    /** A guardrail with the shipped {@link PiiTagger}. */
    public PiiGuardrail(PiiConfig config) {
        this(config, PiiTagger::shipped);
    }

    /** A guardrail whose names, places and organisations without a cue come from {@code tagger}. */
    public PiiGuardrail(PiiConfig config, PiiTagger tagger) {
        this(config, () -> tagger);
        Objects.requireNonNull(tagger, "tagger");
    }

    private PiiGuardrail(PiiConfig config, java.util.function.Supplier<PiiTagger> tagger) {
        this.config = Objects.requireNonNull(config, "config");
        this.tagger = tagger;
        preload();
    }

    private static final java.util.concurrent.atomic.AtomicBoolean PRELOADING =
            new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * Loads the scanners' tables (the given-name gazetteers and the tagger among them, some 50 ms in a cold JVM) on a
     * background thread, so that they are ready by the first scan while the other detectors are
     * built. A failure is left for the first scan to meet and report.
     */
    private static void preload() {
        if (PRELOADING.compareAndSet(false, true)) {
            start("airs-pii-preload", () -> {
                try {
                    Class.forName("io.airs.core.guardrail.pii.PiiScan", true, PiiGuardrail.class.getClassLoader());
                } catch (ClassNotFoundException e) {
                    // The first scan loads the class itself and fails there, visibly.
                }
            });
            start("airs-pii-tagger-preload", PiiTagger::shipped);
        }
    }

    private static void start(String name, Runnable load) {
        Thread t = new Thread(
                () -> {
                    try {
                        load.run();
                    } catch (LinkageError | RuntimeException e) {
                        // The first scan loads it itself and fails there, visibly.
                    }
                },
                name);
        t.setDaemon(true);
        t.start();
    }

    /** A guardrail with {@link PiiConfig#defaults()}. */
    public PiiGuardrail() {
        this(PiiConfig.defaults());
    }

    @Override
    public String id() {
        return ID;
    }

    /** The configuration in force. */
    public PiiConfig config() {
        return config;
    }

    @Override
    public void scan(String text, List<Finding> out) {
        Objects.requireNonNull(text, "text");
        if (text.length() < 5) {
            return;
        }
        int from = out.size();
        PiiScan rules = new PiiScan(text, config, out);
        rules.run();
        PlaceScan.run(text, rules.chars(), config, out);
        if (config.reports(PiiEntityType.PERSON)
                || config.reports(PiiEntityType.LOCATION)
                || config.reports(PiiEntityType.ORGANIZATION)) {
            tagger.get().tag(text, rules.chars(), config, out, from);
        }
    }
}
