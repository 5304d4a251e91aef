/**
 * The data-plane services that hold the rules: uploads, blobs, manifests and tags, listings and referrers,
 * limits, the quota rule ({@link dev.wharf.registry.QuotaRule}) and tag guards. Handlers call these and only
 * translate.
 * Imports {@code oci}, {@code meta} and {@code storage}.
 */
package dev.wharf.registry;
