/**
 * The Distribution API client discovery uses: token and basic auth challenges, retries with backoff, Link
 * paging and Docker Hub's metadata.
 * Imports {@code discovery.config} and {@code oci}.
 */
package dev.wharf.discovery.client;
