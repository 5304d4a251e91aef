package dev.wharf.meta;

import dev.wharf.oci.Digest;
import dev.wharf.oci.RepositoryName;

import java.sql.SQLException;
import java.util.Optional;

/** SQL for {@code blobs} (one row per committed digest) and {@code repository_blobs} (which repository may see it). */
final class Blobs {

    private static final int MAX_RACE_RETRIES = 5;

    private Blobs() {
    }

    /**
     * Records the blob (idempotent) and links it into the repository. The link's {@code created_at} is refreshed
     * on every link: it is the "last linked" time garbage collection's grace period counts from, so a blob pushed
     * again just before its manifest is not unlinked in between. On PostgreSQL the blob row is share-locked
     * after the insert-or-ignore, so a concurrent GC deleting it either waits for us or has already removed it, in
     * which case we insert it again.
     */
    static void link(Tx tx, long repositoryId, Digest digest, long size, long now, LinkQuota quota)
            throws SQLException {
        String d = digest.toString();
        for (int i = 0; ; i++) {
            tx.update("INSERT INTO blobs (digest, size, created_at) VALUES (?, ?, ?) ON CONFLICT (digest) DO NOTHING",
                    d, size, now);
            if (tx.exists("SELECT 1 FROM blobs WHERE digest = ?" + tx.dialect().forShare(), d)) {
                break;
            }
            if (i >= MAX_RACE_RETRIES) {
                throw new SQLException("blob row keeps vanishing: " + d);
            }
        }
        // A fresh link time keeps the blob inside garbage collection's grace period; usage counts first links only.
        if (tx.update("UPDATE repository_blobs SET created_at = ? WHERE repository_id = ? AND digest = ?",
                now, repositoryId, d) == 0
                && tx.update("INSERT INTO repository_blobs (repository_id, digest, created_at) VALUES (?, ?, ?)"
                + " ON CONFLICT (repository_id, digest) DO NOTHING", repositoryId, d, now) > 0) {
            Usage.linked(tx, repositoryId, d, size, now, quota);
        }
    }

    /**
     * Links a blob linked into {@code from} into {@code repositoryId} as well, in one transaction with the check
     * that the source link exists (share-locked on PostgreSQL, so garbage collection cannot unlink it in between).
     */
    static Optional<Long> mount(Tx tx, RepositoryName from, long repositoryId, Digest digest, long now,
                                LinkQuota quota) throws SQLException {
        Optional<Long> size = tx.one("SELECT b.size FROM repositories r"
                + " JOIN repository_blobs rb ON rb.repository_id = r.id"
                + " JOIN blobs b ON b.digest = rb.digest"
                + " WHERE r.name = ? AND rb.digest = ?" + tx.dialect().forShare(), rs -> rs.getLong(1),
                from.value(), digest.toString());
        if (size.isPresent()) {
            link(tx, repositoryId, digest, size.get(), now, quota);
        }
        return size;
    }

    /** True when the blob is linked into the repository; on PostgreSQL the link stays locked until commit. */
    static boolean isLinkedLocked(Tx tx, long repositoryId, Digest digest) throws SQLException {
        return tx.exists("SELECT 1 FROM repository_blobs WHERE repository_id = ? AND digest = ?"
                + tx.dialect().forShare(), repositoryId, digest.toString());
    }

    static boolean unlink(Tx tx, RepositoryName repo, Digest digest, long now) throws SQLException {
        Optional<Long> repositoryId = Repositories.id(tx, repo);
        return repositoryId.isPresent() && unlink(tx, repositoryId.get(), digest.toString(), now);
    }

    /** Removes one link and uncounts its usage in the same transaction. */
    static boolean unlink(Tx tx, long repositoryId, String digest, long now) throws SQLException {
        if (tx.update("DELETE FROM repository_blobs WHERE repository_id = ? AND digest = ?", repositoryId, digest) == 0) {
            return false;
        }
        long size = tx.one("SELECT size FROM blobs WHERE digest = ?", rs -> rs.getLong(1), digest).orElse(0L);
        Usage.unlinked(tx, repositoryId, digest, size, now);
        return true;
    }

    /** Every digest linked into the repository. */
    static java.util.List<String> linked(Tx tx, long repositoryId) throws SQLException {
        return tx.list("SELECT digest FROM repository_blobs WHERE repository_id = ?", rs -> rs.getString(1),
                repositoryId);
    }

    static Optional<Long> linkedSize(Tx tx, RepositoryName repo, Digest digest) throws SQLException {
        return tx.one("SELECT b.size FROM repositories r"
                + " JOIN repository_blobs rb ON rb.repository_id = r.id"
                + " JOIN blobs b ON b.digest = rb.digest"
                + " WHERE r.name = ? AND rb.digest = ?", rs -> rs.getLong(1), repo.value(), digest.toString());
    }

    static Optional<Long> size(Tx tx, Digest digest) throws SQLException {
        return tx.one("SELECT size FROM blobs WHERE digest = ?", rs -> rs.getLong(1), digest.toString());
    }
}
