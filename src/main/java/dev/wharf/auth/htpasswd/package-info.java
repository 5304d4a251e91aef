/**
 * htpasswd files (bcrypt), re-read when they change, as a credential verifier.
 * Imports {@code auth}.
 */
package dev.wharf.auth.htpasswd;
