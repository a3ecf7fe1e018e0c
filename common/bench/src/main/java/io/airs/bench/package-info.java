/** JMH benchmarks of the enforcement path on the standard payloads. */
package io.airs.bench;
