/**
 * Docker token auth: Wharf's own JWT issuer and signing keys, and verification of its tokens or an external
 * token server's (certificate bundle).
 * Imports {@code auth} and {@code oci}.
 */
package dev.wharf.auth.token;
