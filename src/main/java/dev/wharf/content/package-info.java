/**
 * The data-plane services that hold the rules: uploads, blobs, manifests and tags, listings and referrers,
 * limits, the quota rule ({@link dev.wharf.content.QuotaRule}) and tag guards, and every delete ({@link
 * dev.wharf.content.ContentDeletion}). Handlers call these and only translate; the services emit the domain events.
 * Imports {@code oci}, {@code events}, {@code meta} and {@code storage}.
 */
package dev.wharf.content;
