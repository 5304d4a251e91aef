/**
 * Authentication on the HTTP edge: Basic and Bearer authenticators, challenges naming the scope needed, the
 * token endpoint and login auditing.
 * Imports {@code http.reply}, {@code auth} (and its sub-packages), {@code config} and {@code oci}.
 */
package dev.wharf.http.auth;
