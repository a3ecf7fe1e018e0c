/**
 * Direct prompt-injection and jailbreak detection: a weighted phrase-pattern set matched with one
 * pass of a keyword trie over case-folded text, each keyword hit confirmed by a short, bounded
 * walk over the following words, and the matched signals combined into one score per category.
 */
package io.airs.core.guardrail.injection;
