package io.airs.core.classifier;

import io.airs.core.Category;

/**
 * The labels the inline classifier scores, each an independent binary decision (multi-label).
 *
 * <p>{@link #INJECTION} covers direct prompt injection and jailbreak in user input;
 * {@link #INDIRECT_INJECTION} covers instructions planted in retrieved documents and tool output.
 */
public enum ClassifierLabel {
    INJECTION("injection", Category.PROMPT_INJECTION),
    INDIRECT_INJECTION("indirect_injection", Category.INDIRECT_INJECTION),
    HARMFUL("harmful", Category.HARMFUL),
    TOXICITY("toxicity", Category.TOXICITY);

    private final String wireName;
    private final Category category;

    ClassifierLabel(String wireName, Category category) {
        this.wireName = wireName;
        this.category = category;
    }

    /** The name used in the model file, the manifest and finding types, such as {@code indirect_injection}. */
    public String wireName() {
        return wireName;
    }

    /** The finding category reported when this label fires. */
    public Category category() {
        return category;
    }

    /**
     * Parses a wire name.
     *
     * @throws IllegalArgumentException when {@code name} is not a label
     */
    public static ClassifierLabel fromWire(String name) {
        for (ClassifierLabel l : values()) {
            if (l.wireName.equals(name)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown classifier label '" + name + "'");
    }
}
