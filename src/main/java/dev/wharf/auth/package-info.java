/**
 * What a caller is and may do: principals, actions, scopes, the access policy, credential verification, login
 * throttling and the audit log: mostly interfaces and small values, plus the implementations that need nothing else.
 * The audit log is the first consumer of domain events. Imports only {@code events}; implementations that need a
 * database, files or keys live in sub-packages.
 */
package dev.wharf.auth;
