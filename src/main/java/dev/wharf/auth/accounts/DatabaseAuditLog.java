package dev.wharf.auth.accounts;

import dev.wharf.auth.AuditEntries;
import dev.wharf.auth.AuditLog;
import dev.wharf.meta.EventOutbox;
import dev.wharf.meta.SqlAccess;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * The audit log in the metadata database. Login events pass through a {@link LoginEventLimiter} so a brute force
 * cannot flood the table. Events about a repository or registry are indexed by registry (the target's first path
 * component) so {@code wharf audit --registry R} is one index range.
 *
 * <p>The events of writes come from the outbox ({@link #deliverCommitted}): after each write that recorded events
 * commits, and at start for what a crash left undelivered. The entries and the advanced cursor are one
 * transaction, so each event is audited exactly once.
 */
final class DatabaseAuditLog implements AuditLog {
    static final int MAX_LIMIT = 10_000;
    /** This consumer's name in {@code event_cursors}. */
    static final String CONSUMER = "audit";
    private static final int BATCH = 500;
    /** Actions whose target is a repository ({@code team/app:tag}, {@code team/app@sha256:…}) or a registry. */
    private static final Set<String> REGISTRY_ACTIONS = Set.of("push", "delete", "mount", "role_grant",
            "role_revoke", "public_set", "public_unset", "registry_create", "registry_delete", "registry_update",
            "gc_start", "gc_finish");
    private static final int MAX_FIELD = 1000;

    private final SqlAccess sql;
    private final LoginEventLimiter limiter = new LoginEventLimiter();

    DatabaseAuditLog(SqlAccess sql) {
        this.sql = sql;
    }

    @Override
    public void record(Event event) {
        Event e = limiter.admit(clean(event));
        if (e == null) {
            return;
        }
        sql.write(s -> {
            insert(s, e);
            return null;
        });
    }

    private static void insert(SqlAccess.Session s, Event e) throws SQLException {
        String registry = REGISTRY_ACTIONS.contains(e.action()) ? registryOf(e.target()) : null;
        AuditTable.insert(s, e, "*".equals(registry) ? null : registry);
    }

    /** Audits the committed events not yet audited, in batches, until none is left. */
    void deliverCommitted() {
        while (sql.write(this::deliverBatch) == BATCH) {
            // a full batch: there may be more
        }
    }

    private int deliverBatch(SqlAccess.Session s) throws SQLException {
        List<EventOutbox.Stored> batch = EventOutbox.next(s, CONSUMER, BATCH);
        for (EventOutbox.Stored stored : batch) {
            var entry = AuditEntries.of(stored.event());
            if (entry.isPresent()) {
                insert(s, clean(entry.get()));
            }
        }
        if (!batch.isEmpty()) {
            EventOutbox.advance(s, CONSUMER, batch.getLast());
        }
        return batch.size();
    }

    @Override
    public List<Event> recent(String registry, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw AccountException.invalid("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        return sql.read(s -> AuditTable.recent(s, registry, limit));
    }

    /** The registry named by a target: text before the first '/', ':' or '@'. */
    static String registryOf(String target) {
        if (target == null || target.isEmpty()) {
            return null;
        }
        int end = target.length();
        for (char c : new char[] {'/', ':', '@'}) {
            int i = target.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return target.substring(0, end);
    }

    /** Bounds the free-text fields (a client chooses some of them, e.g. the username of a failed login). */
    private static Event clean(Event e) {
        return new Event(e.at(), cut(e.actor() == null || e.actor().isEmpty() ? "anonymous" : e.actor()),
                cut(e.action()), cut(e.target()), cut(e.address()), cut(e.detail()));
    }

    private static String cut(String s) {
        return s == null || s.length() <= MAX_FIELD ? s : s.substring(0, MAX_FIELD) + "…";
    }
}
