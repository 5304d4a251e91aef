package dev.wharf.http.auth;

import dev.wharf.auth.AuditLog;
import dev.wharf.auth.Principal;

import java.time.Instant;

/**
 * Writes logins and failed logins to the audit log, with the address they came from. The audit log itself limits
 * how many it keeps, so a password-guessing client cannot flood it.
 */
record LoginAudit(AuditLog log) {

    void succeeded(Principal principal, String address) {
        log.record(new AuditLog.Event(Instant.now(), principal.name(), "login", null, address, principal.tokenId()));
    }

    void failed(String username, String address) {
        log.record(new AuditLog.Event(Instant.now(), username == null ? "" : username, "login_failed", null, address, null));
    }
}
