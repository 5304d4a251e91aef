/**
 * The DigitalOcean-shaped management API ({@code :5001} and {@code /api}): registries, repositories, tags,
 * manifests, garbage collection, with its own error body.
 * Imports {@code http.reply}, {@code http.auth}, the services ({@code content}, {@code tenancy},
 * {@code gc}), {@code auth}, {@code config}, {@code events}, {@code oci}; today also {@code meta} (its listing records).
 */
package dev.wharf.http.api;
