package dev.wharf.http.v2;

import dev.wharf.auth.AuditLog;
import dev.wharf.auth.Principal;
import dev.wharf.http.reply.Reply;
import dev.wharf.http.auth.Caller;
import dev.wharf.http.auth.RemoteAddress;
import org.eclipse.jetty.server.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * Audits what changes content: a manifest push that succeeded (201) and any delete that succeeded (202), with the
 * caller's name and address. An audit failure is logged and never fails the request it describes.
 */
final class DataPlaneAudit {
    private static final Logger log = LoggerFactory.getLogger(DataPlaneAudit.class);

    private DataPlaneAudit() {
    }

    static void after(AuditLog audit, Request request, V2Route route, Caller caller, Reply reply) {
        if (audit == AuditLog.NONE) {
            return;
        }
        String method = request.getMethod();
        boolean push = route.kind() == V2Route.Kind.MANIFEST && method.equals("PUT") && reply.status() == 201;
        boolean delete = method.equals("DELETE") && reply.status() == 202
                && (route.kind() == V2Route.Kind.MANIFEST || route.kind() == V2Route.Kind.BLOB);
        if (!push && !delete) {
            return;
        }
        String reference = route.arg() == null ? "" : route.arg();
        String target = route.name() + (reference.indexOf(':') >= 0 ? "@" : ":") + reference;
        Principal p = caller.principal();
        String detail = push ? reply.headers().get("Docker-Content-Digest")
                : route.kind() == V2Route.Kind.BLOB ? "blob" : reference.indexOf(':') >= 0 ? "manifest" : "tag";
        if (p.tokenId() != null) {
            detail = detail + " (token " + p.tokenId() + ")";
        }
        try {
            audit.record(new AuditLog.Event(Instant.now(), p.isAnonymous() ? "anonymous" : p.name(),
                    push ? "push" : "delete", target, RemoteAddress.of(request), detail));
        } catch (RuntimeException e) {
            log.warn("could not record {} of {} in the audit log", push ? "push" : "delete", target, e);
        }
    }
}
