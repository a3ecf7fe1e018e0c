/**
 * Compiles a policy into a platform gateway's native configuration, for the command line and for the
 * platform modules that apply it and check it for drift. Pure functions of the policy: no cloud SDK,
 * only the JSON each platform's API reads.
 */
package io.airs.core.compile;
