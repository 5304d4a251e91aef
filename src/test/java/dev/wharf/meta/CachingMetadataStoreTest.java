package dev.wharf.meta;

import dev.wharf.oci.Digest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.wharf.meta.MetadataFixtures.OTHER;
import static dev.wharf.meta.MetadataFixtures.REPO;
import static dev.wharf.meta.MetadataFixtures.linkedImage;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metadata contract through the read cache production puts in front of embedded SQLite, and the cache's own
 * promises: it never serves what a write through it replaced, and its budget bounds memory.
 */
class CachingMetadataStoreTest extends MetadataStoreContract {
    @TempDir
    Path dir;

    private int databases;

    @Override
    protected String newDatabaseUrl() {
        return "jdbc:sqlite:" + dir.resolve("cached-" + (databases++) + ".db");
    }

    @Override
    protected MetadataStore front(JdbcMetadataStore database) {
        return new CachingMetadataStore(database, 1 << 20);
    }

    private CachingMetadataStore cache() {
        return (CachingMetadataStore) store;
    }

    @Test
    void tagMove_isSeenImmediately() {
        ManifestRecord a = linkedImage(store, REPO, "a");
        ManifestRecord b = linkedImage(store, REPO, "b");
        store.putManifest(a, "latest");
        assertThat(store.manifestByTag(REPO, "latest")).get().extracting(ManifestRecord::digest).isEqualTo(a.digest());
        assertThat(store.manifestByTag(REPO, "latest")).get().extracting(ManifestRecord::digest).isEqualTo(a.digest());
        store.putManifest(b, "latest");
        assertThat(store.manifestByTag(REPO, "latest")).get().extracting(ManifestRecord::digest).isEqualTo(b.digest());
    }

    @Test
    void deletes_areSeenImmediately() {
        ManifestRecord a = linkedImage(store, REPO, "a");
        store.putManifest(a, "v1");
        assertThat(store.manifestByDigest(REPO, a.digest())).isPresent();
        assertThat(store.linkedBlobSize(REPO, a.blobReferences().get(0))).isPresent();
        store.deleteTag(REPO, "v1");
        assertThat(store.manifestByTag(REPO, "v1")).isEmpty();
        store.deleteManifest(REPO, a.digest());
        assertThat(store.manifestByDigest(REPO, a.digest())).isEmpty();
        store.unlinkBlob(REPO, a.blobReferences().get(0));
        assertThat(store.linkedBlobSize(REPO, a.blobReferences().get(0))).isEmpty();
    }

    @Test
    void otherRepositories_keepTheirEntries_andTheBudgetBoundsMemory() {
        ManifestRecord a = linkedImage(store, REPO, "a");
        ManifestRecord o = linkedImage(store, OTHER, "o");
        store.putManifest(a, "v1");
        store.putManifest(o, "v1");
        store.manifestByTag(REPO, "v1");
        store.manifestByTag(OTHER, "v1");
        int before = cache().size();
        store.deleteTag(REPO, "v1");
        assertThat(cache().size()).isLessThan(before).isPositive();

        try (CachingMetadataStore tiny = new CachingMetadataStore(JdbcMetadataStore.open("jdbc:sqlite:" + dir.resolve("t.db"), null, null), 2048)) {
            for (int i = 0; i < 50; i++) {
                ManifestRecord m = linkedImage(tiny, REPO, "m" + i);
                tiny.putManifest(m, "t" + i);
                tiny.manifestByTag(REPO, "t" + i);
            }
            assertThat(tiny.size()).isLessThanOrEqualTo(8);
        }
    }

    @Test
    void concurrentTagMovesAndReads_endOnTheLastWrite() throws Exception {
        List<ManifestRecord> images = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            images.add(linkedImage(store, REPO, "img" + i));
        }
        AtomicBoolean writing = new AtomicBoolean(true);
        Thread reader = Thread.ofPlatform().start(() -> {
            while (writing.get()) {
                store.manifestByTag(REPO, "moving");
            }
        });
        for (ManifestRecord m : images) {
            store.putManifest(m, "moving");
        }
        writing.set(false);
        reader.join();
        Digest last = images.get(images.size() - 1).digest();
        assertThat(store.manifestByTag(REPO, "moving")).get().extracting(ManifestRecord::digest).isEqualTo(last);
    }
}
