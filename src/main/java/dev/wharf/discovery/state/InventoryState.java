package dev.wharf.discovery.state;

import dev.wharf.discovery.ProviderOutcome;
import dev.wharf.discovery.graph.Entity;
import dev.wharf.discovery.graph.EntityJson;
import dev.wharf.discovery.graph.EntityRef;
import dev.wharf.oci.Digest;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The entities of the last run, kept in a database so the next run can say what was added, changed and removed.
 * The target is a SQLite file (created on first use) or a JDBC URL such as Wharf's own metadata database, where
 * migration V5 created the table. An entity counts as removed only when its provider listed its repositories this
 * run and its repository did not fail: an unreachable registry does not empty the inventory.
 */
public final class InventoryState implements AutoCloseable {
    static final String TABLE_DDL = """
            CREATE TABLE IF NOT EXISTS discovered_entities (
                provider    TEXT   NOT NULL,
                kind        TEXT   NOT NULL,
                namespace   TEXT   NOT NULL,
                name        TEXT   NOT NULL,
                repository  TEXT   NOT NULL,
                fingerprint TEXT   NOT NULL,
                body        TEXT   NOT NULL,
                updated_at  BIGINT NOT NULL,
                PRIMARY KEY (provider, kind, namespace, name)
            )""";

    private final Connection db;
    private final Clock clock;

    private InventoryState(Connection db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Opens {@code target}: a {@code jdbc:} URL, or else the path of a SQLite file. */
    public static InventoryState open(String target, Clock clock) throws SQLException {
        String url = target.startsWith("jdbc:") ? target : "jdbc:sqlite:" + Path.of(target).toAbsolutePath();
        Connection c = DriverManager.getConnection(url);
        try (Statement s = c.createStatement()) {
            s.execute(TABLE_DDL);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return new InventoryState(c, clock);
    }

    /**
     * Compares {@code current} with the stored state, then stores {@code current} in its place, in one transaction.
     *
     * @param providerOf the provider label of an entity; {@code repositoryOf} its repository ("" for a registry)
     */
    public Changes update(List<Entity> current, List<ProviderOutcome> outcomes, Function<Entity, String> providerOf,
                          Function<Entity, String> repositoryOf) throws SQLException {
        db.setAutoCommit(false);
        try {
            Map<EntityRef, Stored> stored = load(outcomes.stream().map(ProviderOutcome::provider).toList());
            List<EntityRef> added = new ArrayList<>();
            List<EntityRef> changed = new ArrayList<>();
            Set<EntityRef> seen = new java.util.HashSet<>();
            long now = clock.millis();
            try (PreparedStatement up = db.prepareStatement("""
                    INSERT INTO discovered_entities
                        (provider, kind, namespace, name, repository, fingerprint, body, updated_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (provider, kind, namespace, name) DO UPDATE SET repository = excluded.repository,
                        fingerprint = excluded.fingerprint, body = excluded.body, updated_at = excluded.updated_at""")) {
                for (Entity e : current) {
                    String body = EntityJson.canonical(e);
                    String fingerprint = Digest.sha256(body.getBytes(StandardCharsets.UTF_8)).toString();
                    Stored old = stored.get(e.ref());
                    seen.add(e.ref());
                    if (old == null) {
                        added.add(e.ref());
                    } else if (!old.fingerprint().equals(fingerprint)) {
                        changed.add(e.ref());
                    } else {
                        continue;
                    }
                    up.setString(1, providerOf.apply(e));
                    up.setString(2, e.kind());
                    up.setString(3, e.metadata().namespace());
                    up.setString(4, e.metadata().name());
                    up.setString(5, repositoryOf.apply(e));
                    up.setString(6, fingerprint);
                    up.setString(7, body);
                    up.setLong(8, now);
                    up.addBatch();
                }
                up.executeBatch();
            }
            List<EntityRef> removed = removed(stored, seen, outcomes);
            db.commit();
            added.sort(null);
            changed.sort(null);
            removed.sort(null);
            return new Changes(added, changed, removed);
        } catch (SQLException | RuntimeException e) {
            db.rollback();
            throw e;
        } finally {
            db.setAutoCommit(true);
        }
    }

    private record Stored(String provider, String repository, String fingerprint) {
    }

    private Map<EntityRef, Stored> load(List<String> providers) throws SQLException {
        Map<EntityRef, Stored> out = new HashMap<>();
        try (PreparedStatement q = db.prepareStatement("SELECT kind, namespace, name, repository, fingerprint"
                + " FROM discovered_entities WHERE provider = ?")) {
            for (String p : providers) {
                q.setString(1, p);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        out.put(new EntityRef(rs.getString(1), rs.getString(2), rs.getString(3)),
                                new Stored(p, rs.getString(4), rs.getString(5)));
                    }
                }
            }
        }
        return out;
    }

    private List<EntityRef> removed(Map<EntityRef, Stored> stored, Set<EntityRef> seen,
                                    List<ProviderOutcome> outcomes) throws SQLException {
        Map<String, ProviderOutcome> byName = new HashMap<>();
        outcomes.forEach(o -> byName.put(o.provider(), o));
        List<EntityRef> removed = new ArrayList<>();
        try (PreparedStatement del = db.prepareStatement("DELETE FROM discovered_entities"
                + " WHERE provider = ? AND kind = ? AND namespace = ? AND name = ?")) {
            for (var e : stored.entrySet()) {
                ProviderOutcome o = byName.get(e.getValue().provider());
                if (seen.contains(e.getKey()) || o == null || !o.listed()
                        || o.failedRepositories().contains(e.getValue().repository())) {
                    continue;
                }
                removed.add(e.getKey());
                del.setString(1, e.getValue().provider());
                del.setString(2, e.getKey().kind());
                del.setString(3, e.getKey().namespace());
                del.setString(4, e.getKey().name());
                del.addBatch();
            }
            del.executeBatch();
        }
        return removed;
    }

    @Override
    public void close() throws SQLException {
        db.close();
    }
}
