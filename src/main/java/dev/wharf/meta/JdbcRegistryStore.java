package dev.wharf.meta;

import dev.wharf.events.Event;
import dev.wharf.oci.RepositoryName;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** {@link RegistryStore} on the metadata database; each method is one transaction. */
final class JdbcRegistryStore implements RegistryStore {
    private final Database db;
    private final Clock clock;

    JdbcRegistryStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    @Override
    public Optional<RegistryRecord> create(String name, String owner, String region, RegistryRecord.Plan plan,
                                           Event created) {
        long now = clock.millis();
        return db.write(tx -> {
            if (!RegistryRows.insert(tx, name, owner, region, plan, now)) {
                return Optional.<RegistryRecord>empty();
            }
            Usage.recompute(tx, RegistryRows.id(tx, name).orElseThrow(), name, now);
            Outbox.add(tx, created);
            return RegistryRows.find(tx, name);
        });
    }

    @Override
    public Optional<RegistryRecord> find(String name) {
        return db.read(tx -> RegistryRows.find(tx, name));
    }

    @Override
    public List<RegistryRecord> list(String owner) {
        return db.read(tx -> RegistryRows.list(tx, owner));
    }

    @Override
    public boolean any() {
        return db.read(tx -> tx.exists("SELECT 1 FROM registries"));
    }

    @Override
    public Optional<RegistryRecord> updatePlan(String name, RegistryRecord.Plan plan, Event changed) {
        long now = clock.millis();
        return db.write(tx -> {
            if (!RegistryRows.updatePlan(tx, name, plan, now)) {
                return Optional.<RegistryRecord>empty();
            }
            Outbox.add(tx, changed);
            return RegistryRows.find(tx, name);
        });
    }

    @Override
    public boolean delete(String name, Event deleted) {
        return db.write(tx -> {
            boolean gone = RegistryRows.delete(tx, name);
            if (gone) {
                Outbox.add(tx, deleted);
            }
            return gone;
        });
    }

    @Override
    public List<RepositoryName> repositories(String registry) {
        return db.read(tx -> RegistryListings.repositories(tx, registry));
    }

    @Override
    public long repositoryCount(String registry) {
        return db.read(tx -> Usage.repositoriesWithContent(tx, registry));
    }

    @Override
    public boolean holdsBlob(String registry, String digest) {
        return db.read(tx -> tx.exists("SELECT 1 FROM registry_blobs x JOIN registries g ON g.id = x.registry_id"
                + " WHERE g.name = ? AND x.digest = ?", registry, digest));
    }

    @Override
    public UsageReport usage(String registry) {
        return db.read(tx -> {
            Optional<Long> id = RegistryRows.id(tx, registry);
            return id.isEmpty() ? new UsageReport(0, java.util.Map.of()) : Usage.live(tx, id.get(), registry);
        });
    }

    @Override
    public UsageReport computeUsage(String registry) {
        return db.read(tx -> Usage.fresh(tx, registry));
    }

    @Override
    public UsageReport recomputeUsage(String registry) {
        long now = clock.millis();
        return db.write(tx -> {
            Optional<Long> id = RegistryRows.id(tx, registry);
            if (id.isEmpty()) {
                return new UsageReport(0, java.util.Map.of());
            }
            Usage.recompute(tx, id.get(), registry, now);
            return Usage.live(tx, id.get(), registry);
        });
    }

    @Override
    public void addEgress(String registry, String month, long bytes) {
        db.write(tx -> {
            Optional<Long> id = RegistryRows.id(tx, registry);
            if (id.isPresent()) {
                RegistryRows.addEgress(tx, id.get(), month, bytes);
            }
            return null;
        });
    }

    @Override
    public long egress(String registry, String month) {
        return db.read(tx -> RegistryRows.egress(tx, registry, month));
    }

    @Override
    public List<RepositorySummary> repositorySummaries(String registry, String after, int offset, int limit) {
        return db.read(tx -> RegistryListings.summaries(tx, registry, after, offset, limit));
    }

    @Override
    public List<TagSummary> tags(RepositoryName repo, int offset, int limit) {
        return db.read(tx -> {
            Optional<Long> id = Repositories.id(tx, repo);
            return id.isEmpty() ? List.<TagSummary>of() : RegistryListings.tags(tx, id.get(), repo, offset, limit);
        });
    }

    @Override
    public long tagCount(RepositoryName repo) {
        return db.read(tx -> RegistryListings.count(tx, "SELECT COUNT(*) FROM tags t JOIN repositories r"
                + " ON r.id = t.repository_id WHERE r.name = ?", repo.value()));
    }

    @Override
    public List<ManifestSummary> manifests(RepositoryName repo, int offset, int limit) {
        return db.read(tx -> {
            Optional<Long> id = Repositories.id(tx, repo);
            return id.isEmpty() ? List.<ManifestSummary>of()
                    : RegistryListings.manifests(tx, id.get(), repo, offset, limit);
        });
    }

    @Override
    public List<UnsizedBlob> unsizedBlobs(RepositoryName repo, List<String> manifestDigests) {
        return db.read(tx -> {
            Optional<Long> id = Repositories.id(tx, repo);
            return id.isEmpty() ? List.<UnsizedBlob>of() : RegistryListings.unsized(tx, id.get(), manifestDigests);
        });
    }

    @Override
    public void recordUncompressedSizes(java.util.Map<String, Long> sizes) {
        if (!sizes.isEmpty()) {
            db.write(tx -> {
                RegistryListings.recordUncompressed(tx, sizes);
                return null;
            });
        }
    }

    @Override
    public long manifestCount(RepositoryName repo) {
        return db.read(tx -> RegistryListings.count(tx, "SELECT COUNT(*) FROM manifests m JOIN repositories r"
                + " ON r.id = m.repository_id WHERE r.name = ?", repo.value()));
    }
}
