/**
 * Accounts, robots, roles, personal access tokens, docker credentials and the audit log, stored in the metadata
 * database; the default access policy.
 * Imports {@code auth}, {@code meta} and {@code oci}.
 */
package dev.wharf.auth.accounts;
