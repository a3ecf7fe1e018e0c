/**
 * Text matching shared by the detectors: an Aho-Corasick keyword automaton that finds every
 * occurrence of many keywords in one pass, case-insensitively, without allocating or backtracking.
 */
package io.airs.core.guardrail.text;
