/**
 * The web UI at {@code /ui/} (server-rendered JTE pages plus JSON endpoints), sessions with CSRF and sign-in.
 * Handlers translate; what a page shows comes from {@code content.inspect} and the other services.
 * Imports {@code http.reply}, {@code http.auth}, the services, {@code auth}, {@code events}, {@code oci}; today also
 * {@code meta}.
 */
package dev.wharf.http.ui;
