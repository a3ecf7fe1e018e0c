/**
 * {@code airs eval}: the scan over labelled JSON Lines sets, scored the way {@code
 * shared/tools/score.py} scores {@code airs scan} output, with breakdowns and an HTML report.
 */
package io.airs.cli.eval;
