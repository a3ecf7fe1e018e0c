/** Evidence on AWS: records written as JSON lines to the function's log, kept by CloudWatch Logs. */
package io.airs.aws.evidence;
