/**
 * TLS with HTTP/2 by ALPN: PEM certificate chains and keys into a Jetty connector.
 * Imports {@code config}.
 */
package dev.wharf.http.tls;
