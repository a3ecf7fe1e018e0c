/**
 * The in-process distilled classifier behind the inline judge: hashed text features, one
 * logistic-regression weight vector per label, a seeded and bit-for-bit reproducible trainer, a
 * compact int8 model file with a SHA-256-checked manifest, and a leave-one-source-out evaluation
 * that estimates quality on sources the model never saw. It complements the rule guardrails on
 * attacks phrased without trigger words.
 */
package io.airs.core.classifier;
