package dev.wharf.meta;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** SQL for {@code registries} and {@code registry_egress}. */
final class RegistryRows {
    private static final String COLUMNS = "name, owner, region, tier, storage_quota_bytes, storage_limit_bytes,"
            + " repository_limit, bandwidth_limit_bytes, gc_enabled, storage_usage_bytes,"
            + " storage_usage_bytes_updated_at, created_at, subscription_created_at, subscription_updated_at";

    private RegistryRows() {
    }

    /** Inserts the registry; false when the name is taken. */
    static boolean insert(Tx tx, String name, String owner, String region, RegistryRecord.Plan plan, long now)
            throws SQLException {
        RegistryRecord.Limits l = plan.limits();
        return tx.update("INSERT INTO registries (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)"
                        + " ON CONFLICT (name) DO NOTHING",
                name, owner, region, plan.tier(), Tx.bigint(plan.storageQuotaBytes()), Tx.bigint(l.storageBytes()),
                Tx.bigint(l.repositories()), Tx.bigint(l.bandwidthBytes()), plan.gcEnabled() ? 1 : 0, now, now, now,
                now) > 0;
    }

    static boolean updatePlan(Tx tx, String name, RegistryRecord.Plan plan, long now) throws SQLException {
        RegistryRecord.Limits l = plan.limits();
        return tx.update("UPDATE registries SET tier = ?, storage_quota_bytes = ?, storage_limit_bytes = ?,"
                        + " repository_limit = ?, bandwidth_limit_bytes = ?, gc_enabled = ?,"
                        + " subscription_updated_at = ? WHERE name = ?",
                plan.tier(), Tx.bigint(plan.storageQuotaBytes()), Tx.bigint(l.storageBytes()),
                Tx.bigint(l.repositories()), Tx.bigint(l.bandwidthBytes()), plan.gcEnabled() ? 1 : 0, now, name) > 0;
    }

    static Optional<Long> id(Tx tx, String name) throws SQLException {
        return tx.one("SELECT id FROM registries WHERE name = ?", rs -> rs.getLong(1), name);
    }

    static Optional<RegistryRecord> find(Tx tx, String name) throws SQLException {
        return tx.one("SELECT " + COLUMNS + " FROM registries WHERE name = ?", RegistryRows::row, name);
    }

    static List<RegistryRecord> list(Tx tx, String owner) throws SQLException {
        return owner == null
                ? tx.list("SELECT " + COLUMNS + " FROM registries ORDER BY created_at, name", RegistryRows::row)
                : tx.list("SELECT " + COLUMNS + " FROM registries WHERE owner = ? ORDER BY created_at, name",
                RegistryRows::row, owner);
    }

    static boolean delete(Tx tx, String name) throws SQLException {
        Optional<Long> id = id(tx, name);
        if (id.isEmpty()) {
            return false;
        }
        tx.update("DELETE FROM registry_blobs WHERE registry_id = ?", id.get());
        tx.update("DELETE FROM registry_egress WHERE registry_id = ?", id.get());
        tx.update("DELETE FROM repository_usage WHERE repository_id IN (SELECT id FROM repositories WHERE name LIKE ?)",
                Usage.repositoriesOf(name));
        // GC runs, retention policies and schedules are keyed by name: they belong to this registry, not to a
        // later one of the same name (perhaps another account's). An active run finds its row gone and stops.
        tx.update("DELETE FROM gc_runs WHERE registry_key = ?", name);
        tx.update("DELETE FROM gc_policies WHERE registry = ?", name);
        tx.update("DELETE FROM gc_schedules WHERE registry = ?", name);
        return tx.update("DELETE FROM registries WHERE id = ?", id.get()) > 0;
    }

    static void addEgress(Tx tx, long registryId, String month, long bytes) throws SQLException {
        tx.update("INSERT INTO registry_egress (registry_id, month, bytes) VALUES (?, ?, ?)"
                + " ON CONFLICT (registry_id, month) DO UPDATE SET bytes = registry_egress.bytes + excluded.bytes",
                registryId, month, bytes);
    }

    static long egress(Tx tx, String name, String month) throws SQLException {
        return tx.one("SELECT e.bytes FROM registry_egress e JOIN registries g ON g.id = e.registry_id"
                + " WHERE g.name = ? AND e.month = ?", rs -> rs.getLong(1), name, month).orElse(0L);
    }

    private static RegistryRecord row(ResultSet rs) throws SQLException {
        return new RegistryRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                Usage.nullableLong(rs, 5),
                new RegistryRecord.Limits(Usage.nullableLong(rs, 6), Usage.nullableLong(rs, 7),
                        Usage.nullableLong(rs, 8)),
                rs.getInt(9) != 0, rs.getLong(10), Instant.ofEpochMilli(rs.getLong(11)),
                Instant.ofEpochMilli(rs.getLong(12)), Instant.ofEpochMilli(rs.getLong(13)),
                Instant.ofEpochMilli(rs.getLong(14)));
    }
}
