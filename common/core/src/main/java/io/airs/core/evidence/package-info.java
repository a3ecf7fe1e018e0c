/**
 * Tamper-evident evidence: one {@link io.airs.core.evidence.EvidenceRecord} per enforcement
 * decision (EU AI Act Art. 12 logging), chained by SHA-256 so that a changed, removed, reordered or
 * duplicated record shows. Records hold hashes and caller-redacted excerpts, never raw content. The
 * {@link io.airs.core.evidence.EvidenceSink} port seals records into the chain; {@link
 * io.airs.core.evidence.EvidenceVerifier} checks a chain and names the first broken record.
 */
package io.airs.core.evidence;
