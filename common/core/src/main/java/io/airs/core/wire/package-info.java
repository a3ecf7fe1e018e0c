/**
 * The one wire format every entry point speaks: the native {@code /v1/evaluate} request and
 * decision JSON, findings, and the validation that names the offending field of bad input.
 */
package io.airs.core.wire;
