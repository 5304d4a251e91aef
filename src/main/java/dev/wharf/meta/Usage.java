package dev.wharf.meta;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * SQL for storage usage: {@code registry_blobs} (each blob once per registry), {@code repository_usage} and the
 * counter on {@code registries}. Called by {@link Blobs} in the transaction that links or unlinks a blob, so the
 * figures never drift from the links; a repository outside every registry costs one index probe.
 */
final class Usage {

    private Usage() {
    }

    /** The repository-name pattern of a registry's repositories (registry names hold no LIKE wildcards). */
    static String repositoriesOf(String registry) {
        return registry + "/%";
    }

    /**
     * A blob was newly linked into a repository: counts it, then asks {@code quota} (which refuses by throwing, so
     * rolling the transaction back) when the link adds bytes or a repository to the registry.
     */
    static void linked(Tx tx, long repositoryId, String digest, long size, long now, LinkQuota quota)
            throws SQLException {
        Optional<Owner> owner = ownerOf(tx, repositoryId);
        if (owner.isEmpty()) {
            return;
        }
        long registryId = owner.get().id();
        tx.update("INSERT INTO repository_usage (repository_id, bytes) VALUES (?, ?) ON CONFLICT (repository_id)"
                + " DO UPDATE SET bytes = repository_usage.bytes + excluded.bytes", repositoryId, size);
        tx.update("INSERT INTO registry_blobs (registry_id, digest, links) VALUES (?, ?, 1) ON CONFLICT"
                + " (registry_id, digest) DO UPDATE SET links = registry_blobs.links + 1", registryId, digest);
        long links = tx.one("SELECT links FROM registry_blobs WHERE registry_id = ? AND digest = ?",
                rs -> rs.getLong(1), registryId, digest).orElseThrow();
        if (links == 1) {
            quota.storage(owner.get().figures(), addUsage(tx, registryId, size, now), size);
        }
        if (firstLinkOf(tx, repositoryId)) {
            firstContent(tx, owner.get(), quota);
        }
    }

    /**
     * A manifest is the first content of a repository (an index without children, the one manifest that needs no
     * link first): asks {@code quota} whether the registry may hold one repository more.
     */
    static void manifestIsFirstContent(Tx tx, long repositoryId, LinkQuota quota) throws SQLException {
        Optional<Owner> owner = ownerOf(tx, repositoryId);
        if (owner.isPresent()) {
            firstContent(tx, owner.get(), quota);
        }
    }

    private static void firstContent(Tx tx, Owner owner, LinkQuota quota) throws SQLException {
        try {
            quota.repositories(owner.figures(), () -> lockedCount(tx, owner));
        } catch (CountFailed e) {
            throw e.getCause(); // an SQLException again, so the transaction can be retried
        }
    }

    /** A blob link was removed from a repository: uncounts it (the registry's figure once no repository links it). */
    static void unlinked(Tx tx, long repositoryId, String digest, long size, long now) throws SQLException {
        Optional<Owner> owner = ownerOf(tx, repositoryId);
        if (owner.isEmpty()) {
            return;
        }
        long registryId = owner.get().id();
        tx.update("UPDATE repository_usage SET bytes = bytes - ? WHERE repository_id = ?", size, repositoryId);
        tx.update("UPDATE registry_blobs SET links = links - 1 WHERE registry_id = ? AND digest = ?", registryId, digest);
        if (tx.update("DELETE FROM registry_blobs WHERE registry_id = ? AND digest = ? AND links <= 0",
                registryId, digest) > 0) {
            addUsage(tx, registryId, -size, now);
        }
    }

    /** Adds {@code delta} to the registry's usage (locking its row until commit); returns the usage before. */
    private static long addUsage(Tx tx, long registryId, long delta, long now) throws SQLException {
        tx.update("UPDATE registries SET storage_usage_bytes = storage_usage_bytes + ?,"
                + " storage_usage_bytes_updated_at = ? WHERE id = ?", delta, now, registryId);
        return tx.one("SELECT storage_usage_bytes FROM registries WHERE id = ?", rs -> rs.getLong(1), registryId)
                .orElseThrow() - delta;
    }

    /** The registry a repository belongs to, with the figures its quota rule needs. */
    private record Owner(long id, LinkQuota.Registry figures) {
    }

    /**
     * The registry's repositories with content, counted with its row locked: concurrent first contents of different
     * repositories (which share no other row) then count one after the other and cannot pass a limit together.
     */
    private static long lockedCount(Tx tx, Owner owner) {
        try {
            tx.one("SELECT id FROM registries WHERE id = ?" + tx.dialect().forUpdate(), rs -> rs.getLong(1),
                    owner.id());
            return repositoriesWithContent(tx, owner.figures().name());
        } catch (SQLException e) {
            throw new CountFailed(e);
        }
    }

    /** Carries the count's SQLException through the rule's {@link java.util.function.LongSupplier}. */
    private static final class CountFailed extends RuntimeException {
        CountFailed(SQLException cause) {
            super(cause);
        }

        @Override
        public synchronized SQLException getCause() {
            return (SQLException) super.getCause();
        }
    }

    private static boolean firstLinkOf(Tx tx, long repositoryId) throws SQLException {
        long links = tx.one("SELECT COUNT(*) FROM repository_blobs WHERE repository_id = ?", rs -> rs.getLong(1),
                repositoryId).orElse(0L);
        return links == 1 && !tx.exists("SELECT 1 FROM manifests WHERE repository_id = ?", repositoryId);
    }

    static long repositoriesWithContent(Tx tx, String registry) throws SQLException {
        return tx.one("SELECT COUNT(*) FROM repositories r WHERE r.name LIKE ? AND "
                + "(EXISTS (SELECT 1 FROM manifests m WHERE m.repository_id = r.id)"
                + " OR EXISTS (SELECT 1 FROM repository_blobs b WHERE b.repository_id = r.id))",
                rs -> rs.getLong(1), repositoriesOf(registry)).orElse(0L);
    }

    private static Optional<Owner> ownerOf(Tx tx, long repositoryId) throws SQLException {
        String repo = tx.one("SELECT name FROM repositories WHERE id = ?", rs -> rs.getString(1), repositoryId)
                .orElse(null);
        int slash = repo == null ? -1 : repo.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        return tx.one("SELECT id, name, tier, storage_limit_bytes, repository_limit FROM registries WHERE name = ?",
                rs -> new Owner(rs.getLong(1), new LinkQuota.Registry(rs.getString(2), rs.getString(3),
                        nullableLong(rs, 4), nullableLong(rs, 5))), repo.substring(0, slash));
    }

    static Long nullableLong(java.sql.ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /**
     * Rebuilds the registry's counters from the links, from scratch, and returns the per-repository figures.
     * The live counters must always equal what this computes.
     */
    static long recompute(Tx tx, long registryId, String registry, long now) throws SQLException {
        String like = repositoriesOf(registry);
        tx.update("DELETE FROM registry_blobs WHERE registry_id = ?", registryId);
        tx.update("INSERT INTO registry_blobs (registry_id, digest, links)"
                + " SELECT ?, rb.digest, COUNT(*) FROM repository_blobs rb"
                + " JOIN repositories r ON r.id = rb.repository_id WHERE r.name LIKE ? GROUP BY rb.digest",
                registryId, like);
        tx.update("DELETE FROM repository_usage WHERE repository_id IN (SELECT id FROM repositories WHERE name LIKE ?)",
                like);
        tx.update("INSERT INTO repository_usage (repository_id, bytes)"
                + " SELECT r.id, SUM(b.size) FROM repositories r JOIN repository_blobs rb ON rb.repository_id = r.id"
                + " JOIN blobs b ON b.digest = rb.digest WHERE r.name LIKE ? GROUP BY r.id", like);
        long total = fresh(tx, registry).total();
        tx.update("UPDATE registries SET storage_usage_bytes = ?, storage_usage_bytes_updated_at = ? WHERE id = ?",
                total, now, registryId);
        return total;
    }

    /** Usage computed from the links alone, ignoring the counters. */
    static RegistryStore.UsageReport fresh(Tx tx, String registry) throws SQLException {
        String like = repositoriesOf(registry);
        long total = tx.one("SELECT COALESCE(SUM(b.size), 0) FROM blobs b WHERE b.digest IN"
                + " (SELECT rb.digest FROM repository_blobs rb JOIN repositories r ON r.id = rb.repository_id"
                + " WHERE r.name LIKE ?)", rs -> rs.getLong(1), like).orElse(0L);
        Map<String, Long> perRepo = new LinkedHashMap<>();
        tx.list("SELECT r.name, SUM(b.size) FROM repositories r JOIN repository_blobs rb ON rb.repository_id = r.id"
                + " JOIN blobs b ON b.digest = rb.digest WHERE r.name LIKE ? GROUP BY r.name ORDER BY r.name", rs -> {
                    perRepo.put(rs.getString(1), rs.getLong(2));
                    return null;
                }, like);
        return new RegistryStore.UsageReport(total, perRepo);
    }

    /** The live counters. */
    static RegistryStore.UsageReport live(Tx tx, long registryId, String registry) throws SQLException {
        long total = tx.one("SELECT storage_usage_bytes FROM registries WHERE id = ?", rs -> rs.getLong(1),
                registryId).orElse(0L);
        Map<String, Long> perRepo = new LinkedHashMap<>();
        tx.list("SELECT r.name, u.bytes FROM repositories r JOIN repository_usage u ON u.repository_id = r.id"
                + " WHERE r.name LIKE ? AND u.bytes <> 0 ORDER BY r.name", rs -> {
                    perRepo.put(rs.getString(1), rs.getLong(2));
                    return null;
                }, repositoriesOf(registry));
        return new RegistryStore.UsageReport(total, perRepo);
    }
}
