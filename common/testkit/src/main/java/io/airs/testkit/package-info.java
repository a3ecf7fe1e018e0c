/**
 * The behaviour specification every entry point must meet: golden cases (a request and the decision
 * expected for it) kept once and run unchanged against the core, the local runner and each cloud's
 * real entry point.
 */
package io.airs.testkit;
