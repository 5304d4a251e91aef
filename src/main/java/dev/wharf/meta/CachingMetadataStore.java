package dev.wharf.meta;

import dev.wharf.events.Event;
import dev.wharf.oci.Digest;
import dev.wharf.oci.RepositoryName;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps recently read manifests and blob links in memory, in front of a store that only this process writes
 * (embedded SQLite). Pulls are dominated by manifest GET/HEAD and blob HEAD; answering them from memory is what lets
 * one node serve them an order of magnitude faster than a database round trip allows.
 *
 * <p>Coherence: every write through this store bumps a generation and drops what it touched; a value read from the
 * database is cached only if no write happened while it was being read, so a stale value can never be cached
 * after the write that replaced it. Never use it when other nodes write the same database (PostgreSQL scale-out).
 * Memory is bounded by a byte budget with least-recently-used eviction.
 */
public final class CachingMetadataStore implements MetadataStore {
    private final MetadataStore delegate;
    private final long budgetBytes;
    private final ReentrantLock lock = new ReentrantLock();
    private final LinkedHashMap<Object, Object> entries = new LinkedHashMap<>(1024, 0.75f, true);
    private long bytes;
    private long generation;

    private record TagKey(RepositoryName repo, String tag) {
    }

    private record DigestKey(RepositoryName repo, Digest digest) {
    }

    private record BlobKey(RepositoryName repo, Digest digest) {
    }

    public CachingMetadataStore(MetadataStore delegate, long budgetBytes) {
        this.delegate = delegate;
        this.budgetBytes = budgetBytes;
    }

    // --- cached reads ------------------------------------------------------------------------------------------

    @Override
    public Optional<ManifestRecord> manifestByTag(RepositoryName repo, String tag) {
        return cached(new TagKey(repo, tag), () -> delegate.manifestByTag(repo, tag));
    }

    @Override
    public Optional<ManifestRecord> manifestByDigest(RepositoryName repo, Digest digest) {
        return cached(new DigestKey(repo, digest), () -> delegate.manifestByDigest(repo, digest));
    }

    @Override
    public Optional<Long> linkedBlobSize(RepositoryName repo, Digest digest) {
        return cached(new BlobKey(repo, digest), () -> delegate.linkedBlobSize(repo, digest));
    }

    @SuppressWarnings("unchecked")
    private <T> Optional<T> cached(Object key, java.util.function.Supplier<Optional<T>> load) {
        long seen;
        lock.lock();
        try {
            Object hit = entries.get(key);
            if (hit != null) {
                return Optional.of((T) hit);
            }
            seen = generation;
        } finally {
            lock.unlock();
        }
        Optional<T> value = load.get();
        value.ifPresent(v -> {
            lock.lock();
            try {
                if (generation == seen && !entries.containsKey(key)) {
                    entries.put(key, v);
                    bytes += weight(v);
                    evict();
                }
            } finally {
                lock.unlock();
            }
        });
        return value;
    }

    private static long weight(Object v) {
        return 256 + (v instanceof ManifestRecord m ? m.size() : 0);
    }

    private void evict() {
        var it = entries.values().iterator();
        while (bytes > budgetBytes && it.hasNext()) {
            bytes -= weight(it.next());
            it.remove();
        }
    }

    /**
     * Drops every cached entry of {@code repo} (writes are rare next to reads; simple beats clever here). Public for
     * writers that bypass this store on the same database, such as garbage collection: call it after they commit.
     */
    public void invalidate(RepositoryName repo) {
        lock.lock();
        try {
            generation++;
            var it = entries.entrySet().iterator();
            while (it.hasNext()) {
                var e = it.next();
                RepositoryName r = switch (e.getKey()) {
                    case TagKey k -> k.repo();
                    case DigestKey k -> k.repo();
                    case BlobKey k -> k.repo();
                    default -> null;
                };
                if (repo.equals(r)) {
                    bytes -= weight(e.getValue());
                    it.remove();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    // --- writes invalidate --------------------------------------------------------------------------------------

    @Override
    public void linkBlob(RepositoryName repo, Digest digest, long size, LinkQuota quota) {
        delegate.linkBlob(repo, digest, size, quota);
        invalidate(repo);
    }

    @Override
    public Optional<Long> mountBlob(RepositoryName from, RepositoryName repo, Digest digest, LinkQuota quota,
                                    Event mounted) {
        try {
            return delegate.mountBlob(from, repo, digest, quota, mounted);
        } finally {
            invalidate(repo);
        }
    }

    @Override
    public boolean unlinkBlob(RepositoryName repo, Digest digest, Event deleted) {
        try {
            return delegate.unlinkBlob(repo, digest, deleted);
        } finally {
            invalidate(repo);
        }
    }

    @Override
    public void putManifest(ManifestRecord manifest, String tag, TagMove tagMove, LinkQuota quota, Event pushed) {
        try {
            delegate.putManifest(manifest, tag, tagMove, quota, pushed);
        } finally {
            invalidate(manifest.repository());
        }
    }

    @Override
    public boolean deleteManifest(RepositoryName repo, Digest digest, Event deleted) {
        try {
            return delegate.deleteManifest(repo, digest, deleted);
        } finally {
            invalidate(repo);
        }
    }

    @Override
    public boolean deleteTag(RepositoryName repo, String tag, Event deleted) {
        try {
            return delegate.deleteTag(repo, tag, deleted);
        } finally {
            invalidate(repo);
        }
    }

    @Override
    public boolean deleteRepository(RepositoryName repo, Event deleted) {
        try {
            return delegate.deleteRepository(repo, deleted);
        } finally {
            invalidate(repo);
        }
    }

    // --- passed through -------------------------------------------------------------------------------------------

    @Override
    public Optional<Long> blobSize(Digest digest) {
        return delegate.blobSize(digest);
    }

    @Override
    public List<ManifestRecord> referrers(RepositoryName repo, Digest subject, String artifactType) {
        return delegate.referrers(repo, subject, artifactType);
    }

    @Override
    public boolean repositoryExists(RepositoryName repo) {
        return delegate.repositoryExists(repo);
    }

    @Override
    public List<String> listTags(RepositoryName repo, String after, int limit) {
        return delegate.listTags(repo, after, limit);
    }

    @Override
    public List<String> listRepositories(String after, int limit) {
        return delegate.listRepositories(after, limit);
    }

    @Override
    public List<RepositorySummary> findRepositories(String contains, String after, String before, int limit) {
        return delegate.findRepositories(contains, after, before, limit);
    }

    @Override
    public long countRepositories(String contains) {
        return delegate.countRepositories(contains);
    }

    @Override
    public List<TagEntry> listTagEntries(RepositoryName repo, String after, int limit) {
        return delegate.listTagEntries(repo, after, limit);
    }

    @Override
    public void createUpload(UploadSession session) {
        delegate.createUpload(session);
    }

    @Override
    public Optional<UploadSession> upload(String uploadId) {
        return delegate.upload(uploadId);
    }

    @Override
    public void touchUpload(String uploadId, long size, Instant updatedAt) {
        delegate.touchUpload(uploadId, size, updatedAt);
    }

    @Override
    public boolean deleteUpload(String uploadId) {
        return delegate.deleteUpload(uploadId);
    }

    @Override
    public void completeUpload(String uploadId, RepositoryName repo, Digest digest, long size, LinkQuota quota) {
        delegate.completeUpload(uploadId, repo, digest, size, quota);
        invalidate(repo);
    }

    @Override
    public List<UploadSession> uploadsIdleSince(Instant cutoff) {
        return delegate.uploadsIdleSince(cutoff);
    }

    @Override
    public void check() {
        delegate.check();
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** For tests: number of cached entries. */
    int size() {
        lock.lock();
        try {
            return entries.size();
        } finally {
            lock.unlock();
        }
    }
}
