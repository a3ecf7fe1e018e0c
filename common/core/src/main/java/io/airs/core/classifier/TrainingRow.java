package io.airs.core.classifier;

import java.util.Objects;

/**
 * One labelled training text. A row is labelled for exactly one {@link ClassifierLabel} (the one its
 * data file is about) and unlabelled for the others, which leave it out of their loss.
 *
 * @param id the row id from the data file
 * @param text the text
 * @param label the label this row is an example of (positive) or against (negative)
 * @param positive whether the row is an attack / harmful / toxic example
 * @param source the upstream repository that published the row ({@code owner/name})
 * @param license the licence of that data, as the row states it
 * @param subgroup a finer grouping inside the source (context type, target group or upstream
 *     category), used to hold out part of a single-source label; empty when there is none
 */
public record TrainingRow(
        String id,
        String text,
        ClassifierLabel label,
        boolean positive,
        String source,
        String license,
        String subgroup,
        String cluster) {

    public TrainingRow {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(source, "source");
        license = license == null ? "" : license;
        subgroup = subgroup == null ? "" : subgroup;
        id = id == null ? "" : id;
        cluster = cluster == null ? "" : cluster;
    }
}
