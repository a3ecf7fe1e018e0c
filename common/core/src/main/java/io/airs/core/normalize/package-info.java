/**
 * Normalisation before matching: Unicode NFKC, removal of invisible and tag characters, homoglyph
 * folding, and decoding of base64, hex, URL-encoding and similar wrappers, with every view of the
 * text able to map its offsets back to the original.
 */
package io.airs.core.normalize;
