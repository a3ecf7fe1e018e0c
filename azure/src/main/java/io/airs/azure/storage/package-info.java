/**
 * How the functions reach their storage account: {@link io.airs.azure.storage.StorageConnection}
 * reads the {@code AirsStorage} connection (a connection string, or the service URIs with the app's
 * managed identity, as the queue triggers use it) and builds the Table and Queue clients on the
 * JDK's HTTP client.
 */
package io.airs.azure.storage;
