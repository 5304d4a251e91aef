package dev.wharf.meta;

import dev.wharf.oci.Digest;
import dev.wharf.oci.RepositoryName;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * {@link GcStore} on the database of a {@link JdbcMetadataStore}. After every committed change it tells
 * {@code changed} which repositories it touched, so a read cache in front of the store (embedded SQLite) drops
 * what it may hold about them.
 */
public final class JdbcGcStore implements GcStore {
    private final Database db;
    private final Consumer<RepositoryName> changed;

    private JdbcGcStore(Database db, Consumer<RepositoryName> changed) {
        this.db = db;
        this.changed = changed;
    }

    public static JdbcGcStore on(JdbcMetadataStore store, Consumer<RepositoryName> changed) {
        return new JdbcGcStore(store.database(), changed);
    }

    // --- runs --------------------------------------------------------------------------------------------------

    @Override
    public boolean insertRun(RunRow run, dev.wharf.events.Event started) {
        return db.write(tx -> recordIf(tx, GcRuns.insert(tx, run), started));
    }

    private static boolean recordIf(Tx tx, boolean changed, dev.wharf.events.Event event)
            throws java.sql.SQLException {
        if (changed) {
            Outbox.add(tx, event);
        }
        return changed;
    }

    @Override
    public Optional<RunRow> run(String uuid) {
        return db.read(tx -> GcRuns.find(tx, uuid));
    }

    @Override
    public Optional<RunRow> activeRun(String registry) {
        return db.read(tx -> GcRuns.active(tx, registry));
    }

    @Override
    public List<RunRow> runs(String registry, boolean allScopes, int offset, int limit) {
        return db.read(tx -> GcRuns.list(tx, registry, allScopes, offset, limit));
    }

    @Override
    public long countRuns(String registry, boolean allScopes) {
        return db.read(tx -> GcRuns.count(tx, registry, allScopes));
    }

    @Override
    public boolean cancelRun(String uuid, long now) {
        return db.write(tx -> GcRuns.cancel(tx, uuid, now));
    }

    @Override
    public Optional<RunRow> claimRequested(String owner, long now) {
        return db.write(tx -> GcRuns.claim(tx, owner, now));
    }

    @Override
    public boolean heartbeat(String uuid, String owner, Counters counters, long now) {
        return db.write(tx -> GcRuns.heartbeat(tx, uuid, owner, counters, now));
    }

    @Override
    public boolean finishRun(String uuid, String owner, String status, Counters counters, String detail, long now,
                             dev.wharf.events.Event finished) {
        return db.write(tx -> recordIf(tx, GcRuns.finish(tx, uuid, owner, status, counters, detail, now), finished));
    }

    @Override
    public boolean keepStoppedCounters(String uuid, String owner, Counters counters) {
        return db.write(tx -> GcRuns.keepStoppedCounters(tx, uuid, owner, counters));
    }

    @Override
    public int failStaleRuns(long staleBefore, long now) {
        return db.write(tx -> GcRuns.failStale(tx, staleBefore, now));
    }

    // --- policies and schedules ----------------------------------------------------------------------------------

    @Override
    public List<PolicyRow> policies() {
        return db.read(GcPoliciesAndSchedules::policies);
    }

    @Override
    public void putPolicy(PolicyRow policy) {
        db.write(tx -> {
            GcPoliciesAndSchedules.putPolicy(tx, policy);
            return null;
        });
    }

    @Override
    public boolean deletePolicy(String registry, String repositories) {
        return db.write(tx -> GcPoliciesAndSchedules.deletePolicy(tx, registry, repositories));
    }

    @Override
    public List<ScheduleRow> schedules() {
        return db.read(GcPoliciesAndSchedules::schedules);
    }

    @Override
    public void putSchedule(ScheduleRow schedule) {
        db.write(tx -> {
            GcPoliciesAndSchedules.putSchedule(tx, schedule);
            return null;
        });
    }

    @Override
    public boolean deleteSchedule(String registry) {
        return db.write(tx -> GcPoliciesAndSchedules.deleteSchedule(tx, registry));
    }

    @Override
    public boolean claimWindow(String registry, long window, String runUuid, long now) {
        return db.write(tx -> GcPoliciesAndSchedules.claimWindow(tx, registry, window, runUuid, now));
    }

    // --- manifests and tags ----------------------------------------------------------------------------------

    @Override
    public List<RepositoryName> repositories(String registry, String after, int limit) {
        return db.read(tx -> GcSweep.repositories(tx, registry, after, limit));
    }

    @Override
    public List<ManifestRef> untaggedManifests(RepositoryName repo, long createdBefore, long belowId, int limit) {
        return db.read(tx -> GcSweep.untagged(tx, repo, createdBefore, belowId, limit));
    }

    @Override
    public Optional<ManifestUse> manifestUse(RepositoryName repo, long id) {
        return db.read(tx -> GcSweep.use(tx, repo, id, ""));
    }

    @Override
    public List<ManifestRef> deleteManifests(RepositoryName repo, List<Long> ids, Predicate<ManifestUse> collectable) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<ManifestRef> deleted = db.write(tx -> {
            List<ManifestRef> out = new ArrayList<>();
            for (long id : ids) {
                Optional<ManifestUse> use = GcSweep.use(tx, repo, id, tx.dialect().forUpdate());
                if (use.isPresent() && collectable.test(use.get())) {
                    GcSweep.deleteManifest(tx, id);
                    out.add(new ManifestRef(id, use.get().digest(), use.get().size()));
                }
            }
            return out;
        });
        if (!deleted.isEmpty()) {
            changed.accept(repo);
        }
        return deleted;
    }

    @Override
    public List<TagRow> tagsByPushTime(RepositoryName repo, TagRow after, int limit) {
        return db.read(tx -> GcSweep.tagsByPushTime(tx, repo, after, limit));
    }

    @Override
    public boolean deleteTagIfUnchanged(RepositoryName repo, TagRow tag) {
        boolean deleted = db.write(tx -> GcSweep.deleteTagIfUnchanged(tx, repo, tag));
        if (deleted) {
            changed.accept(repo);
        }
        return deleted;
    }

    // --- blobs -----------------------------------------------------------------------------------------------

    @Override
    public List<Digest> blobDigests(String registry, Digest after, int limit) {
        return db.read(tx -> GcSweep.blobDigests(tx, registry, after, limit));
    }

    @Override
    public List<BlobUse> blobUses(List<Digest> digests) {
        return db.read(tx -> GcSweep.uses(tx, digests));
    }

    @Override
    public BlobRemoval collectBlobs(List<Digest> digests, Function<BlobUse, BlobDecision> rule, BytesRemoval bytes) {
        if (digests.isEmpty()) {
            return new BlobRemoval(0, List.of(), 0);
        }
        Set<RepositoryName> touched = new LinkedHashSet<>();
        BlobRemoval removal;
        try {
            removal = db.write(tx -> {
                bytes.finish(false); // a retried transaction: what the rolled-back attempt set aside goes back first
                touched.clear();
                return collect(tx, digests, rule, bytes, touched);
            });
        } catch (RuntimeException | Error e) {
            bytes.finish(false);
            throw e;
        }
        bytes.finish(true);
        touched.forEach(changed);
        return removal;
    }

    private static BlobRemoval collect(Tx tx, List<Digest> digests, Function<BlobUse, BlobDecision> rule,
                                       BytesRemoval bytes, Set<RepositoryName> touched) throws java.sql.SQLException {
        int unlinked = 0;
        long freed = 0;
        List<BlobUse> deleted = new ArrayList<>();
        for (Digest digest : digests) {
            Optional<BlobUse> use = GcSweep.useLocked(tx, digest);
            if (use.isEmpty()) {
                continue;
            }
            BlobDecision decision = rule.apply(use.get());
            Set<Long> allowed = new HashSet<>();
            use.get().links().forEach(l -> allowed.add(l.repositoryId()));
            for (Link link : decision.unlink()) {
                if (allowed.contains(link.repositoryId()) && GcSweep.unlink(tx, link.repositoryId(), digest)) {
                    unlinked++;
                    touched.add(link.repository());
                }
            }
            if (decision.deleteRecord() && GcSweep.unused(tx, digest)) {
                long f = setAside(bytes, use.get());
                if (f >= 0) {
                    GcSweep.deleteRecord(tx, digest);
                    deleted.add(use.get());
                    freed += f;
                }
            }
        }
        return new BlobRemoval(unlinked, deleted, freed);
    }

    private static long setAside(BytesRemoval bytes, BlobUse use) {
        try {
            return bytes.setAside(use);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public int dropRecordsWithoutBytes(List<Digest> digests, Predicate<Digest> bytesMissing) {
        if (digests.isEmpty()) {
            return 0;
        }
        Set<RepositoryName> touched = new LinkedHashSet<>();
        int dropped = db.write(tx -> {
            touched.clear();
            int n = 0;
            for (Digest digest : digests) {
                Optional<BlobUse> use = GcSweep.useLocked(tx, digest);
                if (use.isEmpty() || !bytesMissing.test(digest)) {
                    continue;
                }
                for (Link link : use.get().links()) {
                    GcSweep.unlink(tx, link.repositoryId(), digest);
                    touched.add(link.repository());
                }
                GcSweep.deleteRecord(tx, digest);
                n++;
            }
            return n;
        });
        touched.forEach(changed);
        return dropped;
    }

    @Override
    public boolean repairDone(String name) {
        return db.read(tx -> tx.exists("SELECT 1 FROM repairs WHERE name = ?", name));
    }

    @Override
    public void markRepairDone(String name, long now) {
        db.write(tx -> tx.update("INSERT INTO repairs (name, done_at) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                name, now));
    }

    @Override
    public List<Digest> adoptOrphans(List<BlobUse> stored) {
        if (stored.isEmpty()) {
            return List.of();
        }
        return db.write(tx -> {
            List<Digest> adopted = new ArrayList<>();
            for (BlobUse b : stored) {
                if (GcSweep.adopt(tx, b.digest(), b.size())) {
                    adopted.add(b.digest());
                }
            }
            return adopted;
        });
    }

    @Override
    public Set<Digest> knownBlobs(List<Digest> digests) {
        return new HashSet<>(db.read(tx -> GcSweep.known(tx, digests)));
    }
}
