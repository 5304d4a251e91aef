package dev.wharf.meta;

import dev.wharf.oci.RepositoryName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.wharf.meta.MetadataFixtures.REPO;
import static dev.wharf.meta.MetadataFixtures.concurrently;
import static dev.wharf.meta.MetadataFixtures.digest;
import static dev.wharf.meta.MetadataFixtures.linkedImage;
import static org.assertj.core.api.Assertions.assertThat;

/** Concurrent writers never see an error (no SQLITE_BUSY, no unique-constraint race) and leave consistent state. */
interface ConcurrencyContract {

    MetadataStore store();

    @Test
    default void putManifest_sameManifestAndTagFrom16Threads_noErrors() throws Exception {
        var m = linkedImage(store(), REPO, "hot");

        concurrently(16, () -> {
            for (int i = 0; i < 5; i++) {
                store().putManifest(m, "latest");
            }
            return null;
        });

        assertThat(store().manifestByTag(REPO, "latest").orElseThrow().digest()).isEqualTo(m.digest());
        assertThat(store().manifestByDigest(REPO, m.digest()).orElseThrow().blobReferences())
                .containsExactlyElementsOf(m.blobReferences());
    }

    @Test
    default void putManifest_differentManifestsSameTagFrom16Threads_tagEndsOnOneOfThem() throws Exception {
        List<ManifestRecord> manifests = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            manifests.add(linkedImage(store(), REPO, "m" + i));
        }
        var next = new AtomicInteger();

        concurrently(16, () -> {
            var m = manifests.get(next.getAndIncrement());
            for (int i = 0; i < 3; i++) {
                store().putManifest(m, "latest");
                store().putManifest(m, "t" + i);
            }
            return null;
        });

        assertThat(manifests).extracting(ManifestRecord::digest)
                .contains(store().manifestByTag(REPO, "latest").orElseThrow().digest());
        assertThat(store().listTags(REPO, null, 10)).containsExactly("latest", "t0", "t1", "t2");
    }

    @Test
    default void linkBlob_from32Threads_noErrors() throws Exception {
        var next = new AtomicInteger();

        concurrently(32, () -> {
            int t = next.getAndIncrement();
            RepositoryName repo = RepositoryName.parse("concurrent/r" + (t % 4));
            for (int i = 0; i < 8; i++) {
                store().linkBlob(repo, digest("shared" + i), i); // same digests from every thread
                store().linkBlob(repo, digest("own" + t + "-" + i), i);
                store().linkedBlobSize(repo, digest("shared" + i));
            }
            return null;
        });

        assertThat(store().listRepositories("concurrent/", 10))
                .containsExactly("concurrent/r0", "concurrent/r1", "concurrent/r2", "concurrent/r3");
        assertThat(store().linkedBlobSize(RepositoryName.parse("concurrent/r3"), digest("own31-7"))).contains(7L);
    }

    @Test
    default void putAndDeleteSameManifestConcurrently_noErrorsAndConsistentEnd() throws Exception {
        var m = linkedImage(store(), REPO, "churn");
        var next = new AtomicInteger();

        concurrently(8, () -> {
            boolean deleter = next.getAndIncrement() % 2 == 0;
            for (int i = 0; i < 10; i++) {
                if (deleter) {
                    store().deleteManifest(REPO, m.digest());
                } else {
                    store().putManifest(m, "latest");
                }
            }
            return null;
        });

        store().putManifest(m, "latest");
        ManifestRecord got = store().manifestByTag(REPO, "latest").orElseThrow();
        assertThat(got.blobReferences()).containsExactlyElementsOf(m.blobReferences());
    }
}
