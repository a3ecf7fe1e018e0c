/**
 * The Azure circuit breakers: human kill switches as App Configuration feature flags ({@link
 * io.airs.azure.breaker.AppConfigurationFlagSource}), automatic trips shared by every instance
 * through an Azure Storage table with ETag-conditional writes ({@link
 * io.airs.azure.breaker.TableTripStore}), and {@link io.airs.azure.breaker.AzureBreakers}, which wires
 * both from the application settings for the function composition root.
 */
package io.airs.azure.breaker;
