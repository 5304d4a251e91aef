/**
 * The data-plane services that hold the rules: uploads, blobs, manifests and tags, listings and referrers,
 * limits and tag guards. Handlers call these and only translate.
 * Imports {@code oci}, {@code meta} and {@code storage}.
 */
package dev.wharf.registry;
