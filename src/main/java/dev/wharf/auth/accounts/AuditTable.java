package dev.wharf.auth.accounts;

import dev.wharf.auth.AuditLog.Event;
import dev.wharf.meta.SqlAccess.Session;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

/** SQL for {@code audit_events}. */
final class AuditTable {
    private AuditTable() {
    }

    static void insert(Session s, Event e, String registry) throws SQLException {
        s.update("INSERT INTO audit_events (at, actor, action, registry, target, address, detail)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                e.at().toEpochMilli(), e.actor(), e.action(), registry, e.target(), e.address(), e.detail());
    }

    /** Newest first; {@code registry} null means all. */
    static List<Event> recent(Session s, String registry, int limit) throws SQLException {
        String where = registry == null ? "" : " WHERE registry = ?";
        Object[] args = registry == null ? new Object[] {limit} : new Object[] {registry, limit};
        return s.list("SELECT at, actor, action, target, address, detail FROM audit_events" + where
                        + " ORDER BY at DESC, id DESC LIMIT ?",
                rs -> new Event(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6)), args);
    }
}
