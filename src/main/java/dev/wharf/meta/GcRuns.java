package dev.wharf.meta;

import dev.wharf.meta.GcRunStore.Counters;
import dev.wharf.meta.GcRunStore.RunRow;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** SQL for {@code gc_runs}. {@code registry_key} is the registry or '' for the whole instance. */
final class GcRuns {
    private static final String COLUMNS = "uuid, registry, type, status, dry_run, owner, detail, created_at,"
            + " updated_at, heartbeat_at, blobs_deleted, manifests_deleted, tags_deleted, freed_bytes";
    private static final String ACTIVE = "status IN ('requested', 'running')";

    private GcRuns() {
    }

    static String key(String registry) {
        return registry == null ? "" : registry;
    }

    /** Insert-or-ignore against the partial unique index: a second active run of the scope inserts nothing. */
    static boolean insert(Tx tx, RunRow r) throws SQLException {
        return tx.update("INSERT INTO gc_runs (" + COLUMNS + ", registry_key)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, ?) ON CONFLICT DO NOTHING",
                r.uuid(), r.registry(), r.type(), r.status(), r.dryRun() ? 1 : 0, r.owner(), r.detail(),
                r.createdAt(), r.updatedAt(), r.heartbeatAt(), key(r.registry())) > 0;
    }

    static Optional<RunRow> find(Tx tx, String uuid) throws SQLException {
        return tx.one("SELECT " + COLUMNS + " FROM gc_runs WHERE uuid = ?", GcRuns::row, uuid);
    }

    static Optional<RunRow> active(Tx tx, String registry) throws SQLException {
        return tx.one("SELECT " + COLUMNS + " FROM gc_runs WHERE registry_key = ? AND " + ACTIVE, GcRuns::row,
                key(registry));
    }

    static List<RunRow> list(Tx tx, String registry, boolean all, int offset, int limit) throws SQLException {
        String where = all ? "" : " WHERE registry_key = ?";
        Object[] args = all ? new Object[]{limit, offset} : new Object[]{key(registry), limit, offset};
        return tx.list("SELECT " + COLUMNS + " FROM gc_runs" + where
                + " ORDER BY created_at DESC, uuid DESC LIMIT ? OFFSET ?", GcRuns::row, args);
    }

    static long count(Tx tx, String registry, boolean all) throws SQLException {
        return all
                ? tx.one("SELECT count(*) FROM gc_runs", rs -> rs.getLong(1)).orElse(0L)
                : tx.one("SELECT count(*) FROM gc_runs WHERE registry_key = ?", rs -> rs.getLong(1), key(registry))
                        .orElse(0L);
    }

    static boolean cancel(Tx tx, String uuid, long now) throws SQLException {
        return tx.update("UPDATE gc_runs SET status = 'cancelled', updated_at = ? WHERE uuid = ? AND " + ACTIVE,
                now, uuid) > 0;
    }

    /** Oldest requested run first; the conditional update makes the claim atomic between nodes. */
    static Optional<RunRow> claim(Tx tx, String owner, long now) throws SQLException {
        Optional<String> next = tx.one("SELECT uuid FROM gc_runs WHERE status = 'requested'"
                + " ORDER BY created_at, uuid LIMIT 1", rs -> rs.getString(1));
        if (next.isEmpty()) {
            return Optional.empty();
        }
        int n = tx.update("UPDATE gc_runs SET status = 'running', owner = ?, updated_at = ?, heartbeat_at = ?"
                + " WHERE uuid = ? AND status = 'requested'", owner, now, now, next.get());
        return n == 0 ? Optional.empty() : find(tx, next.get());
    }

    static boolean heartbeat(Tx tx, String uuid, String owner, Counters c, long now) throws SQLException {
        return tx.update("UPDATE gc_runs SET heartbeat_at = ?, updated_at = ?, blobs_deleted = ?,"
                        + " manifests_deleted = ?, tags_deleted = ?, freed_bytes = ?"
                        + " WHERE uuid = ? AND owner = ? AND status = 'running'",
                now, now, c.blobsDeleted(), c.manifestsDeleted(), c.tagsDeleted(), c.freedBytes(), uuid, owner) > 0;
    }

    static boolean finish(Tx tx, String uuid, String owner, String status, Counters c, String detail, long now)
            throws SQLException {
        return tx.update("UPDATE gc_runs SET status = ?, detail = ?, heartbeat_at = ?, updated_at = ?,"
                        + " blobs_deleted = ?, manifests_deleted = ?, tags_deleted = ?, freed_bytes = ?"
                        + " WHERE uuid = ? AND owner = ? AND status = 'running'",
                status, detail, now, now, c.blobsDeleted(), c.manifestsDeleted(), c.tagsDeleted(), c.freedBytes(),
                uuid, owner) > 0;
    }

    static boolean keepStoppedCounters(Tx tx, String uuid, String owner, Counters c) throws SQLException {
        return tx.update("UPDATE gc_runs SET blobs_deleted = ?, manifests_deleted = ?, tags_deleted = ?,"
                        + " freed_bytes = ? WHERE uuid = ? AND owner = ? AND status IN ('cancelled', 'failed')",
                c.blobsDeleted(), c.manifestsDeleted(), c.tagsDeleted(), c.freedBytes(), uuid, owner) > 0;
    }

    static int failStale(Tx tx, long staleBefore, long now) throws SQLException {
        return tx.update("UPDATE gc_runs SET status = 'failed', detail = 'interrupted: the node running it stopped',"
                + " updated_at = ? WHERE status = 'running' AND heartbeat_at < ?", now, staleBefore);
    }

    private static RunRow row(ResultSet rs) throws SQLException {
        return new RunRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getInt(5) != 0,
                rs.getString(6), rs.getString(7), rs.getLong(8), rs.getLong(9), rs.getLong(10),
                new Counters(rs.getLong(11), rs.getLong(12), rs.getLong(13), rs.getLong(14)));
    }
}
