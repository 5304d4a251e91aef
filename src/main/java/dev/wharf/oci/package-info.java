/**
 * Pure OCI values and parsing: digests, media types, repository names and references, manifests and indexes,
 * image configurations, and the OCI error codes. No I/O.
 * Imports nothing of ours (the JDK and Jackson only); everything else may import it.
 */
package dev.wharf.oci;
