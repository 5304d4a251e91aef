/**
 * The HTTP edge on Jetty 12, at the top of the HTTP packages: {@link dev.wharf.http.WharfServer} assembles the
 * handlers, listeners and the server-wide OCI error handler from an open {@link dev.wharf.app.Wharf} (the
 * composition root). Shared reply pieces live in {@code http.reply}; no sub-package imports this one.
 * Imports {@code app}, the services, {@code auth}, {@code config}, {@code oci} and its sub-packages.
 */
package dev.wharf.http;
