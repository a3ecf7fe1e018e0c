/**
 * The Azure package: Azure Functions over the enforcement core. {@link io.airs.azure.AzureSettings}
 * names the application settings and functions shared with {@code infra/azure}.
 */
package io.airs.azure;
