/** File plumbing shared by the core's durable stores: the locked, append-only file they write to. */
package io.airs.core.io;
