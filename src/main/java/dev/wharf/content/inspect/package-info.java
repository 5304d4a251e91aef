/**
 * Read-only inspection of stored images: a row per tag (size, platforms, created, layers) and the details of one
 * manifest of any kind, with its image configuration and referrers. The web UI calls it.
 * Imports {@code content}, {@code meta} and {@code oci}; nothing in {@code content} imports it.
 */
package dev.wharf.content.inspect;
