package dev.wharf.meta;

import dev.wharf.meta.RegistryContentListings.ManifestSummary;
import dev.wharf.meta.RegistryContentListings.RepositorySummary;
import dev.wharf.meta.RegistryContentListings.TagSummary;
import dev.wharf.oci.RepositoryName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.wharf.meta.MetadataFixtures.digest;
import static dev.wharf.meta.MetadataFixtures.linkedImage;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link RegistryStore} does on its database: registries' lifecycle, plans, egress and the listings
 * the management API pages through. Usage counters have their own randomized contract ({@link UsageContract}).
 * Content is put in through the {@link MetadataStore} of the same database. A subclass per backend supplies a
 * fresh, empty database for each test.
 */
abstract class RegistryStoreContract {
    private static final RegistryRecord.Plan BASIC =
            new RegistryRecord.Plan("basic", null, new RegistryRecord.Limits(5L << 30, 5L, 5L << 30), true);
    private static final RegistryRecord.Plan PRO =
            new RegistryRecord.Plan("professional", 1L << 40, RegistryRecord.Limits.NONE, false);

    private JdbcMetadataStore meta;
    private RegistryStore registries;

    /** JDBC URL of a new empty database. */
    protected abstract String newDatabaseUrl() throws Exception;

    protected String user() {
        return null;
    }

    @BeforeEach
    void open() throws Exception {
        meta = JdbcMetadataStore.open(newDatabaseUrl(), user(), null);
        registries = meta.registries();
    }

    @AfterEach
    void close() {
        meta.close();
    }

    private static RepositoryName repo(String name) {
        return RepositoryName.parse(name);
    }

    @Test
    void create_storesThePlan_once_andListsByOwnerOldestFirst() {
        assertThat(registries.any()).isFalse();
        Instant before = Instant.now().minusSeconds(1);

        RegistryRecord team = registries.create("team", "alice", "fra1", BASIC).orElseThrow();
        registries.create("bob-reg", "bob", "nyc3", PRO).orElseThrow();
        registries.create("tools", "alice", "fra1", PRO).orElseThrow();

        assertThat(registries.create("team", "bob", "nyc3", PRO)).as("name taken").isEmpty();
        assertThat(team.name()).isEqualTo("team");
        assertThat(team.owner()).isEqualTo("alice");
        assertThat(team.region()).isEqualTo("fra1");
        assertThat(team.tier()).isEqualTo("basic");
        assertThat(team.storageQuotaBytes()).isNull();
        assertThat(team.limits()).isEqualTo(BASIC.limits());
        assertThat(team.gcEnabled()).isTrue();
        assertThat(team.storageUsageBytes()).isZero();
        assertThat(team.createdAt()).isBetween(before, Instant.now().plusSeconds(1));
        assertThat(registries.find("team")).contains(team);
        assertThat(registries.find("nope")).isEmpty();
        assertThat(registries.any()).isTrue();
        assertThat(registries.list("alice")).extracting(RegistryRecord::name).containsExactly("team", "tools");
        assertThat(registries.list(null)).extracting(RegistryRecord::name)
                .containsExactlyInAnyOrder("team", "bob-reg", "tools");
        assertThat(registries.list("carol")).isEmpty();
        RegistryRecord tools = registries.find("tools").orElseThrow();
        assertThat(tools.storageQuotaBytes()).isEqualTo(1L << 40);
        assertThat(tools.limits()).isEqualTo(RegistryRecord.Limits.NONE);
        assertThat(tools.gcEnabled()).isFalse();
    }

    @Test
    void updatePlan_changesTierLimitsAndGc_butNotNameRegionOrOwner() {
        RegistryRecord before = registries.create("team", "alice", "fra1", BASIC).orElseThrow();

        RegistryRecord after = registries.updatePlan("team", PRO).orElseThrow();

        assertThat(after.tier()).isEqualTo("professional");
        assertThat(after.storageQuotaBytes()).isEqualTo(1L << 40);
        assertThat(after.limits()).isEqualTo(RegistryRecord.Limits.NONE);
        assertThat(after.gcEnabled()).isFalse();
        assertThat(after.owner()).isEqualTo(before.owner());
        assertThat(after.region()).isEqualTo(before.region());
        assertThat(after.createdAt()).isEqualTo(before.createdAt());
        assertThat(after.subscriptionUpdatedAt()).isAfterOrEqualTo(before.subscriptionUpdatedAt());
        assertThat(registries.find("team")).contains(after);
        assertThat(registries.updatePlan("nope", PRO)).isEmpty();
    }

    @Test
    void create_countsContentAlreadyUnderTheName_andDeleteForgetsTheRegistryOnly() {
        meta.linkBlob(repo("team/app"), digest("early"), 100);
        meta.linkBlob(repo("teams/app"), digest("not team's"), 1000); // a prefix of the name is not the registry

        RegistryRecord team = registries.create("team", "alice", "fra1", BASIC).orElseThrow();
        registries.addEgress("team", "2026-01", 10);

        assertThat(team.storageUsageBytes()).isEqualTo(100);
        assertThat(registries.delete("team")).isTrue();
        assertThat(registries.delete("team")).isFalse();
        assertThat(registries.find("team")).isEmpty();
        assertThat(registries.any()).isFalse();
        assertThat(meta.linkedBlobSize(repo("team/app"), digest("early"))).as("content is not the registry's row")
                .contains(100L);

        RegistryRecord again = registries.create("team", "bob", "nyc3", PRO).orElseThrow();
        assertThat(again.storageUsageBytes()).isEqualTo(100);
        assertThat(registries.egress("team", "2026-01")).as("egress went with the old row").isZero();
    }

    @Test
    void repositories_withContent_inByteOrder_andWhichBlobsTheyHold() {
        registries.create("team", "alice", "fra1", BASIC).orElseThrow();
        for (String name : List.of("team/web", "team/a/b", "team/a-b", "other/x", "teamx/y")) {
            meta.linkBlob(repo(name), digest(name), 1);
        }
        meta.linkBlob(repo("team/emptied"), digest("e"), 1);
        meta.unlinkBlob(repo("team/emptied"), digest("e"));

        assertThat(registries.repositories("team")).extracting(RepositoryName::value)
                .containsExactly("team/a-b", "team/a/b", "team/web");
        assertThat(registries.repositoryCount("team")).isEqualTo(3);
        assertThat(registries.holdsBlob("team", digest("team/web").toString())).isTrue();
        assertThat(registries.holdsBlob("team", digest("other/x").toString())).isFalse();
        assertThat(registries.holdsBlob("team", digest("e").toString())).as("unlinked").isFalse();
    }

    @Test
    void egress_addsUpPerMonth_andIgnoresUnknownRegistries() {
        registries.create("team", "alice", "fra1", BASIC).orElseThrow();
        registries.create("other", "alice", "fra1", BASIC).orElseThrow();

        registries.addEgress("team", "2026-01", 100);
        registries.addEgress("team", "2026-01", 23);
        registries.addEgress("team", "2026-02", 7);
        registries.addEgress("other", "2026-01", 1);
        registries.addEgress("nope", "2026-01", 1000);

        assertThat(registries.egress("team", "2026-01")).isEqualTo(123);
        assertThat(registries.egress("team", "2026-02")).isEqualTo(7);
        assertThat(registries.egress("team", "2026-03")).isZero();
        assertThat(registries.egress("other", "2026-01")).isEqualTo(1);
        assertThat(registries.egress("nope", "2026-01")).isZero();
    }

    @Test
    void listings_pageRepositoriesTagsAndManifests_withSizesAndLatest() {
        registries.create("team", "alice", "fra1", BASIC).orElseThrow();
        RepositoryName app = repo("team/app");
        ManifestRecord v1 = linkedImage(meta, app, "v1");
        ManifestRecord v2 = linkedImage(meta, app, "v2");
        meta.putManifest(v1, "1.0");
        meta.putManifest(v2, "2.0");
        meta.putManifest(v2, "latest");
        meta.linkBlob(repo("team/blobs-only"), digest("b"), 1);
        meta.linkBlob(repo("team/zz"), digest("z"), 1);

        List<RepositorySummary> all = registries.repositorySummaries("team", null, 0, 10);
        assertThat(all).extracting(s -> s.name().value()).containsExactly("team/app", "team/blobs-only", "team/zz");
        assertThat(registries.repositorySummaries("team", null, 1, 1)).extracting(s -> s.name().value())
                .containsExactly("team/blobs-only");
        assertThat(registries.repositorySummaries("team", "team/app", 0, 10)).extracting(s -> s.name().value())
                .containsExactly("team/blobs-only", "team/zz");
        RepositorySummary summary = all.getFirst();
        assertThat(summary.tagCount()).isEqualTo(3);
        assertThat(summary.manifestCount()).isEqualTo(2);
        assertThat(summary.latestTag()).isNotNull();
        assertThat(summary.latestManifest()).isNotNull();
        assertThat(all.get(1).latestTag()).isNull();
        assertThat(all.get(1).latestManifest()).isNull();

        List<TagSummary> tags = registries.tags(app, 0, 10);
        assertThat(tags).extracting(TagSummary::tag).containsExactly("1.0", "2.0", "latest");
        assertThat(tags.getFirst().manifestDigest()).isEqualTo(v1.digest().toString());
        assertThat(tags.getFirst().compressedSizeBytes()).as("manifest + config 10 + layer 20")
                .isEqualTo(v1.size() + 30);
        assertThat(registries.tags(app, 1, 1)).extracting(TagSummary::tag).containsExactly("2.0");
        assertThat(registries.tagCount(app)).isEqualTo(3);
        assertThat(registries.tags(repo("team/none"), 0, 10)).isEmpty();

        List<ManifestSummary> manifests = registries.manifests(app, 0, 10);
        assertThat(manifests).extracting(ManifestSummary::digest)
                .containsExactlyInAnyOrder(v1.digest().toString(), v2.digest().toString());
        ManifestSummary second = manifests.stream().filter(m -> m.digest().equals(v2.digest().toString()))
                .findFirst().orElseThrow();
        assertThat(second.tags()).containsExactly("2.0", "latest");
        assertThat(second.blobs()).extracting(RegistryStore.BlobSummary::digest)
                .containsExactly(v2.blobReferences().get(0).toString(), v2.blobReferences().get(1).toString());
        assertThat(registries.manifests(app, 1, 10)).hasSize(1);
        assertThat(registries.manifestCount(app)).isEqualTo(2);
        assertThat(registries.manifestCount(repo("team/none"))).isZero();
    }
}
