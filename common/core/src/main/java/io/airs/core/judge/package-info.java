/**
 * The model-as-judge layer ("the judge detects"): an independent evaluation of content against
 * policy after the guardrails. A {@link io.airs.core.judge.Judge} scores content per {@link
 * io.airs.core.judge.Criterion}; {@link io.airs.core.judge.ClassifierJudge} runs inline in
 * microseconds and {@link io.airs.core.judge.OpenAiCompatibleJudge} asks an LLM on any OpenAI
 * compatible endpoint. {@link io.airs.core.judge.JudgeSampler} decides when the LLM judge runs (risk
 * tier sampling, guardrail flags, adaptive triggers after an attack, tool calls before they act) and
 * whether inline or through the {@link io.airs.core.judge.AsyncJudgeQueue}; {@link
 * io.airs.core.judge.JudgeCascade} chains rules, classifier, LLM and human and records a {@link
 * io.airs.core.judge.JudgeOutcome} for evidence. Judged text never appears in verdicts, reasons or
 * outcomes.
 */
package io.airs.core.judge;
