package dev.wharf.meta;

import dev.wharf.meta.GcPolicyStore.PolicyRow;
import dev.wharf.meta.GcPolicyStore.ScheduleRow;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** SQL for {@code gc_policies} and {@code gc_schedules}: small tables, read whole. */
final class GcPoliciesAndSchedules {
    private static final String POLICY = "registry, repositories, keep_last, keep_tags, older_than_days,"
            + " protected_tags, immutable_tags, updated_at";
    /** Typed placeholders: a null bound as text must still land in an INTEGER column on PostgreSQL. */
    private static final String POLICY_VALUES = "?, ?, CAST(? AS INTEGER), ?, CAST(? AS INTEGER), ?, ?, ?";
    private static final String SCHEDULE = "registry, enabled, cron, time_zone, type, last_window, last_run,"
            + " updated_at";

    private GcPoliciesAndSchedules() {
    }

    static List<PolicyRow> policies(Tx tx) throws SQLException {
        return tx.list("SELECT " + POLICY + " FROM gc_policies ORDER BY registry, repositories", rs -> new PolicyRow(
                rs.getString(1), rs.getString(2), integer(rs, 3), rs.getString(4), integer(rs, 5), rs.getString(6),
                rs.getString(7), rs.getLong(8)));
    }

    static void putPolicy(Tx tx, PolicyRow p) throws SQLException {
        tx.update("INSERT INTO gc_policies (" + POLICY + ") VALUES (" + POLICY_VALUES + ")"
                        + " ON CONFLICT (registry, repositories) DO UPDATE SET keep_last = excluded.keep_last,"
                        + " keep_tags = excluded.keep_tags, older_than_days = excluded.older_than_days,"
                        + " protected_tags = excluded.protected_tags, immutable_tags = excluded.immutable_tags,"
                        + " updated_at = excluded.updated_at",
                p.registry(), p.repositories(), p.keepLast(), p.keepTags(), p.olderThanDays(), p.protectedTags(),
                p.immutableTags(), p.updatedAt());
    }

    static boolean deletePolicy(Tx tx, String registry, String repositories) throws SQLException {
        return tx.update("DELETE FROM gc_policies WHERE registry = ? AND repositories = ?", registry,
                repositories) > 0;
    }

    static List<ScheduleRow> schedules(Tx tx) throws SQLException {
        return tx.list("SELECT " + SCHEDULE + " FROM gc_schedules ORDER BY registry", rs -> new ScheduleRow(
                rs.getString(1), rs.getInt(2) != 0, rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getObject(6) == null ? null : rs.getLong(6), rs.getString(7), rs.getLong(8)));
    }

    static void putSchedule(Tx tx, ScheduleRow s) throws SQLException {
        tx.update("INSERT INTO gc_schedules (" + SCHEDULE + ") VALUES (?, ?, ?, ?, ?, CAST(? AS BIGINT), ?, ?)"
                        + " ON CONFLICT (registry) DO UPDATE SET enabled = excluded.enabled, cron = excluded.cron,"
                        + " time_zone = excluded.time_zone, type = excluded.type, updated_at = excluded.updated_at",
                s.registry(), s.enabled() ? 1 : 0, s.cron(), s.timeZone(), s.type(), s.lastWindow(), s.lastRun(),
                s.updatedAt());
    }

    static boolean deleteSchedule(Tx tx, String registry) throws SQLException {
        return tx.update("DELETE FROM gc_schedules WHERE registry = ?", registry) > 0;
    }

    /** Conditional update: of two nodes claiming the same window, exactly one changes the row. */
    static boolean claimWindow(Tx tx, String registry, long window, String run, long now) throws SQLException {
        return tx.update("UPDATE gc_schedules SET last_window = ?, last_run = ?, updated_at = ?"
                + " WHERE registry = ? AND (last_window IS NULL OR last_window < ?)", window, run, now, registry,
                window) > 0;
    }

    private static Integer integer(ResultSet rs, int column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }
}
