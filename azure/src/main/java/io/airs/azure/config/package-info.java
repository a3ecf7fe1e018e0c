/**
 * Configuration read from Azure: the policy in App Configuration ({@link
 * io.airs.azure.config.AppConfigurationPolicySource}) and the SDK clients built from the application
 * settings with the function app's managed identity ({@link io.airs.azure.config.AzureClients}).
 */
package io.airs.azure.config;
