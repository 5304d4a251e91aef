package dev.wharf.meta;

import dev.wharf.oci.Digest;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static dev.wharf.meta.MetadataFixtures.OTHER;
import static dev.wharf.meta.MetadataFixtures.REPO;
import static dev.wharf.meta.MetadataFixtures.digest;
import static dev.wharf.meta.MetadataFixtures.linkedImage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How content enters and leaves a repository besides plain links and manifests: upload sessions, a mount from
 * another repository, a finished upload, a whole-repository delete. The tests of writes read first, so a caching
 * front holds what the write then changes.
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

        store().completeUpload("up-1", REPO, d, 7, LinkQuota.NONE);

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

    // --- upload sessions -------------------------------------------------------------------------------------------

    @Test
    default void uploads_createReadTouchExpireDelete() {
        Instant t0 = Instant.parse("2025-01-01T00:00:00.123Z");
        var a = new UploadSession("a-1", REPO, 0, t0, t0);
        var b = new UploadSession("b-2", OTHER, 0, t0, t0.plusSeconds(60));
        store().createUpload(a);
        store().createUpload(b);

        assertThat(store().upload("a-1")).contains(a);
        assertThat(store().upload("nope")).isEmpty();

        store().touchUpload("a-1", 1024, t0.plusSeconds(120));
        assertThat(store().upload("a-1")).contains(new UploadSession("a-1", REPO, 1024, t0, t0.plusSeconds(120)));
        store().touchUpload("nope", 1, t0); // a vanished session is not an error

        assertThat(store().uploadsIdleSince(t0.plusSeconds(90))).containsExactly(b);
        assertThat(store().uploadsIdleSince(t0.plusSeconds(121)))
                .extracting(UploadSession::id).containsExactly("b-2", "a-1");
        assertThat(store().uploadsIdleSince(t0)).isEmpty();

        assertThat(store().deleteUpload("a-1")).isTrue();
        assertThat(store().deleteUpload("a-1")).isFalse();
        assertThat(store().upload("a-1")).isEmpty();
        assertThat(store().repositoryExists(REPO)).as("uploads do not create repositories").isFalse();
    }

    @Test
    default void createUpload_duplicateId_isMetadataException() {
        Instant now = Instant.now();
        store().createUpload(new UploadSession("dup", REPO, 0, now, now));

        assertThatThrownBy(() -> store().createUpload(new UploadSession("dup", REPO, 0, now, now)))
                .isInstanceOf(MetadataException.class);
    }
}
