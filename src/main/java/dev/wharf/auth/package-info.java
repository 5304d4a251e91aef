/**
 * What a caller is and may do: principals, actions, scopes, the access policy, credential verification, login
 * throttling and the audit log: mostly interfaces and small values, plus the implementations that need nothing else.
 * Imports nothing of ours; implementations that need a database, files or keys live in sub-packages.
 */
package dev.wharf.auth;
