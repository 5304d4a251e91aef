/**
 * The HTTP edge on Jetty 12: the composition root ({@link dev.wharf.http.WharfServer}), routing, the one OCI error
 * envelope and JSON mapper shared by the handler packages below.
 * Imports the services, {@code auth}, {@code config} and {@code oci}; today also {@code meta} and {@code storage}
 * (for assembly; {@link dev.wharf.http.BlobStores} alone names a storage implementation), and its sub-packages import it back (a known cycle).
 */
package dev.wharf.http;
