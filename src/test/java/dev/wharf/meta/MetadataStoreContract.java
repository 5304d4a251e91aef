package dev.wharf.meta;

import dev.wharf.oci.Digest;
import dev.wharf.oci.ErrorCode;
import dev.wharf.oci.OciException;
import dev.wharf.oci.RepositoryName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.wharf.meta.MetadataFixtures.OTHER;
import static dev.wharf.meta.MetadataFixtures.REPO;
import static dev.wharf.meta.MetadataFixtures.digest;
import static dev.wharf.meta.MetadataFixtures.image;
import static dev.wharf.meta.MetadataFixtures.linkedImage;
import static dev.wharf.meta.MetadataFixtures.manifest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Behaviour every {@link MetadataStore} implementation must have: blobs, manifests, tags, referrers, uploads and
 * lifecycle here; listings, concurrency, browsing, mounts and repository deletes in the test interfaces it
 * implements. A subclass per backend supplies a fresh, empty database for each test, and may put a front such as
 * {@link CachingMetadataStore} over it ({@link #front}): the tests drive {@link #store}, whatever it is.
 */
abstract class MetadataStoreContract
        implements ListingContract, ConcurrencyContract, BrowsingContract, RepositoryLifecycleContract {

    protected String url;
    /** The database underneath, for a backend's own checks (pragmas, plans). */
    protected JdbcMetadataStore jdbc;
    /** What the tests drive: {@link #jdbc} itself, or the front the subclass puts over it. */
    protected MetadataStore store;

    /** JDBC URL of a new empty database. */
    protected abstract String newDatabaseUrl() throws Exception;

    protected String user() {
        return null;
    }

    protected String password() {
        return null;
    }

    protected JdbcMetadataStore open(String jdbcUrl) {
        return JdbcMetadataStore.open(jdbcUrl, user(), password());
    }

    /** The store under test over {@code database}; closing it closes the database. */
    protected MetadataStore front(JdbcMetadataStore database) {
        return database;
    }

    @BeforeEach
    void openStore() throws Exception {
        url = newDatabaseUrl();
        jdbc = open(url);
        store = front(jdbc);
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    @Override
    public MetadataStore store() {
        return store;
    }

    // --- blobs -----------------------------------------------------------------------------------------------------

    @Test
    void linkBlob_makesBlobVisibleInThatRepositoryOnly() {
        Digest d = digest("layer");
        store.linkBlob(REPO, d, 42);

        assertThat(store.linkedBlobSize(REPO, d)).contains(42L);
        assertThat(store.linkedBlobSize(OTHER, d)).isEmpty();
        assertThat(store.blobSize(d)).contains(42L);
        assertThat(store.blobSize(digest("nope"))).isEmpty();
        assertThat(store.repositoryExists(REPO)).isTrue();
        assertThat(store.repositoryExists(OTHER)).isFalse();
    }

    @Test
    void linkBlob_twiceAndIntoSecondRepository_isIdempotent() {
        Digest d = digest("layer");
        store.linkBlob(REPO, d, 42);
        store.linkBlob(REPO, d, 42);
        store.linkBlob(OTHER, d, 42);

        assertThat(store.linkedBlobSize(REPO, d)).contains(42L);
        assertThat(store.linkedBlobSize(OTHER, d)).contains(42L);
    }

    @Test
    void unlinkBlob_removesLinkButKeepsBlobRecord() {
        Digest d = digest("layer");
        store.linkBlob(REPO, d, 42);

        assertThat(store.unlinkBlob(REPO, d)).isTrue();
        assertThat(store.unlinkBlob(REPO, d)).isFalse();
        assertThat(store.unlinkBlob(OTHER, d)).isFalse();
        assertThat(store.linkedBlobSize(REPO, d)).isEmpty();
        assertThat(store.blobSize(d)).contains(42L);
        assertThat(store.repositoryExists(REPO)).isFalse();
    }

    // --- manifests -------------------------------------------------------------------------------------------------

    @Test
    void putManifest_roundTripsEveryField() {
        Digest config = digest("config");
        Digest layer = digest("layer");
        store.linkBlob(REPO, config, 1);
        store.linkBlob(REPO, layer, 2);
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("org.opencontainers.image.title", "app");
        annotations.put("a", "ünïcode ✓");
        byte[] payload = "{\"schemaVersion\":2}".getBytes(StandardCharsets.UTF_8);
        Digest subject = digest("subject");
        // layer listed twice: references must read back exactly as put, duplicates and order included
        var m = new ManifestRecord(REPO, Digest.sha256(payload), "application/vnd.oci.image.manifest.v1+json",
                payload, "application/vnd.example+type", subject, config, annotations,
                List.of(config, layer, layer), List.of(), null);
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        store.putManifest(m, "v1");

        ManifestRecord got = store.manifestByDigest(REPO, m.digest()).orElseThrow();
        assertThat(got.repository()).isEqualTo(REPO);
        assertThat(got.digest()).isEqualTo(m.digest());
        assertThat(got.mediaType()).isEqualTo(m.mediaType());
        assertThat(got.payload()).isEqualTo(payload);
        assertThat(got.size()).isEqualTo(payload.length);
        assertThat(got.artifactType()).isEqualTo("application/vnd.example+type");
        assertThat(got.subject()).isEqualTo(subject);
        assertThat(got.configDigest()).isEqualTo(config);
        assertThat(got.annotations()).containsExactlyEntriesOf(annotations);
        assertThat(got.blobReferences()).containsExactly(config, layer, layer);
        assertThat(got.manifestReferences()).isEmpty();
        assertThat(got.createdAt()).isBetween(before, Instant.now());
        assertThat(store.manifestByTag(REPO, "v1").orElseThrow().digest()).isEqualTo(m.digest());
        assertThat(store.manifestByDigest(OTHER, m.digest())).isEmpty();
        assertThat(store.manifestByTag(REPO, "v2")).isEmpty();
    }

    @Test
    void putManifest_nullablesAndNoTag() {
        var m = manifest(REPO, "{\"empty\":true}", List.of(), List.of(), null, null);

        store.putManifest(m, null);

        ManifestRecord got = store.manifestByDigest(REPO, m.digest()).orElseThrow();
        assertThat(got.subject()).isNull();
        assertThat(got.artifactType()).isNull();
        assertThat(got.configDigest()).isNull();
        assertThat(got.annotations()).isEmpty();
        assertThat(got.blobReferences()).isEmpty();
        assertThat(store.listTags(REPO, null, 10)).isEmpty();
        assertThat(store.repositoryExists(REPO)).as("created by the manifest").isTrue();
    }

    @Test
    void putManifest_missingBlob_failsWithManifestBlobUnknownAndStoresNothing() {
        Digest present = digest("present");
        Digest missing = digest("missing");
        store.linkBlob(OTHER, missing, 5); // linked elsewhere does not count
        store.linkBlob(REPO, present, 5);
        var m = image(REPO, "{\"m\":1}", present, missing);

        assertThatThrownBy(() -> store.putManifest(m, "latest"))
                .isInstanceOfSatisfying(OciException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MANIFEST_BLOB_UNKNOWN);
                    assertThat(e.getMessage()).contains("blob unknown");
                    assertThat(e.detail()).isEqualTo(Map.of("digest", missing.toString()));
                });
        assertThat(store.manifestByDigest(REPO, m.digest())).isEmpty();
        assertThat(store.manifestByTag(REPO, "latest")).isEmpty();
        assertThat(store.listTags(REPO, null, 10)).isEmpty();
    }

    @Test
    void putManifest_missingBlobInUnknownRepository_createsNoRepository() {
        var m = image(REPO, "{\"m\":1}", digest("missing"));

        assertThatThrownBy(() -> store.putManifest(m, "latest"))
                .isInstanceOfSatisfying(OciException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.MANIFEST_BLOB_UNKNOWN));
        assertThat(store.repositoryExists(REPO)).isFalse();
        assertThat(store.listRepositories(null, 10)).isEmpty();
    }

    @Test
    void putManifest_missingChildManifest_failsWithManifestBlobUnknown() {
        var child = linkedImage(store, REPO, "amd64");
        store.putManifest(child, null);
        Digest missing = digest("arm64 manifest");
        var index = manifest(REPO, "{\"index\":1}", List.of(), List.of(child.digest(), missing), null, null);

        assertThatThrownBy(() -> store.putManifest(index, "latest"))
                .isInstanceOfSatisfying(OciException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MANIFEST_BLOB_UNKNOWN);
                    assertThat(e.detail()).isEqualTo(Map.of("digest", missing.toString()));
                });
        assertThat(store.manifestByDigest(REPO, index.digest())).isEmpty();
        assertThat(store.manifestByTag(REPO, "latest")).isEmpty();
    }

    @Test
    void putManifest_indexWithPresentChildren_storesManifestReferences() {
        var amd = linkedImage(store, REPO, "amd64");
        var arm = linkedImage(store, REPO, "arm64");
        store.putManifest(amd, null);
        store.putManifest(arm, null);
        var index = manifest(REPO, "{\"index\":1}", List.of(), List.of(amd.digest(), arm.digest()), null, null);

        store.putManifest(index, "latest");

        ManifestRecord got = store.manifestByTag(REPO, "latest").orElseThrow();
        assertThat(got.manifestReferences()).containsExactly(amd.digest(), arm.digest());
        assertThat(got.blobReferences()).isEmpty();
    }

    @Test
    void putManifest_sameDigestAgain_isIdempotentAndKeepsFirstPayload() {
        var m = linkedImage(store, REPO, "one");
        store.putManifest(m, "a");
        Instant created = store.manifestByDigest(REPO, m.digest()).orElseThrow().createdAt();
        var again = new ManifestRecord(REPO, m.digest(), "other/type", "different".getBytes(StandardCharsets.UTF_8),
                null, null, null, Map.of(), m.blobReferences(), List.of(), null);

        store.putManifest(m, "a");
        store.putManifest(again, "b");

        ManifestRecord got = store.manifestByDigest(REPO, m.digest()).orElseThrow();
        assertThat(got.payload()).isEqualTo(m.payload());
        assertThat(got.mediaType()).isEqualTo(m.mediaType());
        assertThat(got.createdAt()).isEqualTo(created);
        assertThat(got.blobReferences()).containsExactlyElementsOf(m.blobReferences());
        assertThat(store.listTags(REPO, null, 10)).containsExactly("a", "b");
    }

    @Test
    void putManifest_existingTag_movesTagToNewManifest() {
        var v1 = linkedImage(store, REPO, "v1");
        var v2 = linkedImage(store, REPO, "v2");
        store.putManifest(v1, "latest");

        store.putManifest(v2, "latest");

        assertThat(store.manifestByTag(REPO, "latest").orElseThrow().digest()).isEqualTo(v2.digest());
        assertThat(store.manifestByDigest(REPO, v1.digest())).isPresent();
        assertThat(store.listTags(REPO, null, 10)).containsExactly("latest");
    }

    @Test
    void putManifest_sameTagNameInTwoRepositories_isIndependent() {
        var a = linkedImage(store, REPO, "a");
        var b = linkedImage(store, OTHER, "b");
        store.putManifest(a, "latest");
        store.putManifest(b, "latest");

        assertThat(store.manifestByTag(REPO, "latest").orElseThrow().digest()).isEqualTo(a.digest());
        assertThat(store.manifestByTag(OTHER, "latest").orElseThrow().digest()).isEqualTo(b.digest());
    }

    @Test
    void deleteManifest_removesManifestReferencesAndEveryTagButKeepsRepository() {
        var m = linkedImage(store, REPO, "one");
        var keep = linkedImage(store, REPO, "two");
        store.putManifest(m, "a");
        store.putManifest(m, "b");
        store.putManifest(keep, "c");

        assertThat(store.deleteManifest(REPO, m.digest())).isTrue();

        assertThat(store.manifestByDigest(REPO, m.digest())).isEmpty();
        assertThat(store.manifestByTag(REPO, "a")).isEmpty();
        assertThat(store.listTags(REPO, null, 10)).containsExactly("c");
        assertThat(store.deleteManifest(REPO, m.digest())).isFalse();
        assertThat(store.deleteManifest(OTHER, m.digest())).isFalse();
        assertThat(store.repositoryExists(REPO)).isTrue();
        // the same digest can be pushed again, with fresh references
        store.putManifest(m, "a");
        assertThat(store.manifestByTag(REPO, "a").orElseThrow().blobReferences())
                .containsExactlyElementsOf(m.blobReferences());
    }

    @Test
    void deleteManifest_lastContentGone_repositoryNoLongerListed() {
        var m = linkedImage(store, REPO, "one");
        store.putManifest(m, "latest");
        store.deleteManifest(REPO, m.digest());
        assertThat(store.listRepositories(null, 10)).containsExactly(REPO.value());

        m.blobReferences().forEach(d -> store.unlinkBlob(REPO, d));

        assertThat(store.repositoryExists(REPO)).isFalse();
        assertThat(store.listRepositories(null, 10)).isEmpty();
        // and it comes back with new content
        store.linkBlob(REPO, digest("x"), 1);
        assertThat(store.listRepositories(null, 10)).containsExactly(REPO.value());
    }

    @Test
    void deleteTag_removesOnlyTheTag() {
        var m = linkedImage(store, REPO, "one");
        store.putManifest(m, "a");
        store.putManifest(m, "b");

        assertThat(store.deleteTag(REPO, "a")).isTrue();
        assertThat(store.deleteTag(REPO, "a")).isFalse();
        assertThat(store.deleteTag(OTHER, "b")).isFalse();

        assertThat(store.manifestByTag(REPO, "a")).isEmpty();
        assertThat(store.manifestByTag(REPO, "b")).isPresent();
        assertThat(store.manifestByDigest(REPO, m.digest())).isPresent();
    }

    // --- referrers -------------------------------------------------------------------------------------------------

    @Test
    void referrers_allAndFilteredByArtifactType() {
        var subject = linkedImage(store, REPO, "subject");
        store.putManifest(subject, "latest");
        var sbom = manifest(REPO, "{\"sbom\":1}", List.of(), List.of(), subject.digest(), "application/spdx+json");
        var sig = manifest(REPO, "{\"sig\":1}", List.of(), List.of(), subject.digest(), "application/vnd.dev.cosign");
        var sbom2 = manifest(REPO, "{\"sbom\":2}", List.of(), List.of(), subject.digest(), "application/spdx+json");
        String spdx = "application/spdx+json";
        var unrelated = manifest(REPO, "{\"x\":1}", List.of(), List.of(), digest("other subject"), spdx);
        var elsewhere = manifest(OTHER, "{\"sbom\":1}", List.of(), List.of(), subject.digest(), spdx);
        for (var m : List.of(sbom, sig, sbom2, unrelated, elsewhere)) {
            store.putManifest(m, null);
        }

        assertThat(store.referrers(REPO, subject.digest(), null)).extracting(ManifestRecord::digest)
                .containsExactlyInAnyOrder(sbom.digest(), sig.digest(), sbom2.digest());
        assertThat(store.referrers(REPO, subject.digest(), "application/spdx+json")).extracting(ManifestRecord::digest)
                .containsExactlyInAnyOrder(sbom.digest(), sbom2.digest());
        assertThat(store.referrers(REPO, subject.digest(), "application/none")).isEmpty();
        assertThat(store.referrers(REPO, digest("nothing refers to me"), null)).isEmpty();
        assertThat(store.referrers(RepositoryName.parse("no/such"), subject.digest(), null)).isEmpty();
        ManifestRecord got = store.referrers(REPO, subject.digest(), "application/vnd.dev.cosign").getFirst();
        assertThat(got.payload()).isEqualTo(sig.payload());
        assertThat(got.subject()).isEqualTo(subject.digest());
    }

    @Test
    void referrers_carryTheirReferences() {
        var subject = linkedImage(store, REPO, "subject");
        store.putManifest(subject, null);
        Digest sigLayer = digest("signature layer");
        store.linkBlob(REPO, sigLayer, 3);
        var sig = manifest(REPO, "{\"sig\":1}", List.of(sigLayer), List.of(), subject.digest(), "application/sig");
        store.putManifest(sig, null);

        assertThat(store.referrers(REPO, subject.digest(), null).getFirst().blobReferences())
                .containsExactly(sigLayer);
    }


    // --- lifecycle -------------------------------------------------------------------------------------------------

    @Test
    void reopen_keepsDataAndMigrationsAreIdempotent() {
        var m = linkedImage(store, REPO, "persisted");
        store.putManifest(m, "latest");
        Instant t = Instant.parse("2025-01-01T00:00:00Z");
        store.createUpload(new UploadSession("u", REPO, 7, t, t));
        store.close();
        store = null;

        try (MetadataStore again = front(open(url))) {
            again.check();
            assertThat(again.manifestByTag(REPO, "latest").orElseThrow().payload()).isEqualTo(m.payload());
            assertThat(again.upload("u")).isPresent();
        }
        jdbc = open(url);
        store = front(jdbc);
        assertThat(store.listTags(REPO, null, 10)).containsExactly("latest");
    }

    @Test
    void check_answers() {
        store.check();
    }
}

