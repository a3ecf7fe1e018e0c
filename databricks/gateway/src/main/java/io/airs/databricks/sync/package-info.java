/** The policy's AI Gateway configuration applied to serving endpoints, and drift reported, through the SDK. */
package io.airs.databricks.sync;
