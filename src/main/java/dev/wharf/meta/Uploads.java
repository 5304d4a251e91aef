package dev.wharf.meta;

import dev.wharf.oci.RepositoryName;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** SQL for {@code uploads}: sessions kept in the database so any node can continue them. */
final class Uploads {

    private static final String COLUMNS = "id, repository, size, started_at, updated_at";

    private Uploads() {
    }

    static void create(Tx tx, UploadSession s) throws SQLException {
        tx.update("INSERT INTO uploads (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?)", s.id(), s.repository().value(),
                s.size(), s.startedAt().toEpochMilli(), s.updatedAt().toEpochMilli());
    }

    static Optional<UploadSession> find(Tx tx, String id) throws SQLException {
        return tx.one("SELECT " + COLUMNS + " FROM uploads WHERE id = ?", Uploads::row, id);
    }

    static boolean touch(Tx tx, String id, long size, Instant updatedAt) throws SQLException {
        return tx.update("UPDATE uploads SET size = ?, updated_at = ? WHERE id = ?", size, updatedAt.toEpochMilli(),
                id) > 0;
    }

    static boolean delete(Tx tx, String id) throws SQLException {
        return tx.update("DELETE FROM uploads WHERE id = ?", id) > 0;
    }

    static List<UploadSession> idleSince(Tx tx, Instant cutoff) throws SQLException {
        return tx.list("SELECT " + COLUMNS + " FROM uploads WHERE updated_at < ? ORDER BY updated_at, id",
                Uploads::row, cutoff.toEpochMilli());
    }

    private static UploadSession row(ResultSet rs) throws SQLException {
        return new UploadSession(rs.getString(1), RepositoryName.parse(rs.getString(2)), rs.getLong(3),
                Instant.ofEpochMilli(rs.getLong(4)), Instant.ofEpochMilli(rs.getLong(5)));
    }
}
