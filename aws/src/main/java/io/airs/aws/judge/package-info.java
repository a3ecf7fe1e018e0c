/**
 * The judge on AWS: {@link io.airs.aws.judge.BedrockJudge} asks a Bedrock model (a different one from
 * the model being judged) through Converse, with the core's rubric; {@link
 * io.airs.aws.judge.AsyncJudgeHandler} judges sampled decisions from an SQS queue, off the request
 * path, and opens a review for what fails.
 */
package io.airs.aws.judge;
