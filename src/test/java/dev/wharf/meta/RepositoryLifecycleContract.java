package dev.wharf.meta;

import dev.wharf.oci.Digest;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static dev.wharf.meta.MetadataFixtures.OTHER;
import static dev.wharf.meta.MetadataFixtures.REPO;
import static dev.wharf.meta.MetadataFixtures.digest;
import static dev.wharf.meta.MetadataFixtures.linkedImage;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * How content enters and leaves a repository besides plain links and manifests: a mount from another repository,
 * a finished upload, a whole-repository delete. Each test reads first, so a caching front holds what the write
 * then changes.
 */
interface RepositoryLifecycleContract {

    MetadataStore store();

    @Test
    default void mountBlob_linksWhatTheSourceHolds_andNothingElse() {
        Digest d = digest("mounted");
        Digest absent = digest("absent");
        store().linkBlob(REPO, d, 42);
        assertThat(store().linkedBlobSize(OTHER, d)).isEmpty();

        assertThat(store().mountBlob(REPO, OTHER, d)).contains(42L);
        assertThat(store().mountBlob(REPO, OTHER, absent)).isEmpty();
        assertThat(store().mountBlob(OTHER, REPO, absent)).isEmpty();

        assertThat(store().linkedBlobSize(OTHER, d)).contains(42L);
        assertThat(store().linkedBlobSize(REPO, d)).contains(42L);
        assertThat(store().linkedBlobSize(OTHER, absent)).isEmpty();
        assertThat(store().linkedBlobSize(REPO, absent)).isEmpty();
    }

    @Test
    default void completeUpload_endsTheSession_andLinksTheBlob() {
        Instant t = Instant.parse("2025-01-01T00:00:00Z");
        Digest d = digest("uploaded");
        store().createUpload(new UploadSession("up-1", REPO, 0, t, t));
        assertThat(store().linkedBlobSize(REPO, d)).isEmpty();

        store().completeUpload("up-1", REPO, d, 7);

        assertThat(store().upload("up-1")).isEmpty();
        assertThat(store().linkedBlobSize(REPO, d)).contains(7L);
        assertThat(store().repositoryExists(REPO)).isTrue();
    }

    @Test
    default void deleteRepository_removesItsTagsManifestsAndLinks_andLeavesOthers() {
        ManifestRecord m = linkedImage(store(), REPO, "doomed");
        ManifestRecord kept = linkedImage(store(), OTHER, "kept");
        store().putManifest(m, "latest");
        store().putManifest(kept, "latest");
        Digest layer = m.blobReferences().getLast();
        assertThat(store().manifestByTag(REPO, "latest")).isPresent();
        assertThat(store().manifestByDigest(REPO, m.digest())).isPresent();
        assertThat(store().linkedBlobSize(REPO, layer)).isPresent();

        assertThat(store().deleteRepository(REPO)).isTrue();

        assertThat(store().manifestByTag(REPO, "latest")).isEmpty();
        assertThat(store().manifestByDigest(REPO, m.digest())).isEmpty();
        assertThat(store().linkedBlobSize(REPO, layer)).isEmpty();
        assertThat(store().listTags(REPO, null, 10)).isEmpty();
        assertThat(store().repositoryExists(REPO)).isFalse();
        assertThat(store().blobSize(layer)).as("the blob record stays for GC").isPresent();
        assertThat(store().deleteRepository(REPO)).isFalse();
        assertThat(store().manifestByTag(OTHER, "latest").orElseThrow().digest()).isEqualTo(kept.digest());
    }
}
