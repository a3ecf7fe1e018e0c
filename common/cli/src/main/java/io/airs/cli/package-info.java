/** The {@code airs} command: scan, serve (the local runner), policy check, evidence verify and bench. */
package io.airs.cli;
