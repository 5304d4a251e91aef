package dev.wharf.auth.accounts;

import dev.wharf.auth.AuditLog;
import dev.wharf.meta.SqlAccess;

import java.util.List;
import java.util.Set;

/**
 * The audit log in the metadata database. Login events pass through a {@link LoginEventLimiter} so a brute force
 * cannot flood the table. Events about a repository or registry are indexed by registry (the target's first path
 * component) so {@code wharf audit --registry R} is one index range.
 */
final class DatabaseAuditLog implements AuditLog {
    static final int MAX_LIMIT = 10_000;
    /** Actions whose target is a repository ({@code team/app:tag}, {@code team/app@sha256:…}) or a registry. */
    private static final Set<String> REGISTRY_ACTIONS = Set.of("push", "delete", "role_grant", "role_revoke",
            "public_set", "public_unset", "registry_create", "registry_delete", "registry_update");
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
        String registry = REGISTRY_ACTIONS.contains(e.action()) ? registryOf(e.target()) : null;
        sql.write(s -> {
            AuditTable.insert(s, e, registry);
            return null;
        });
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
