package dev.wharf.meta;

import dev.wharf.oci.RepositoryName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static dev.wharf.meta.MetadataFixtures.digest;
import static dev.wharf.meta.MetadataFixtures.linkedImage;
import static org.assertj.core.api.Assertions.assertThat;

/** Browsing queries of the web UI: search, keyset pages both ways, per-repository figures, tags with digests. */
interface BrowsingContract {

    MetadataStore store();

    private static RepositoryName name(String s) {
        return RepositoryName.parse(s);
    }

    @Test
    default void findRepositories_searchesCaseInsensitively_andTreatsWildcardsLiterally() {
        for (String n : List.of("alpha/web", "beta/webapp", "gamma/db", "web", "x_y/web", "xay/web")) {
            store().linkBlob(name(n), digest(n), 1);
        }
        assertThat(names(store().findRepositories("WEB", null, null, 10)))
                .containsExactly("alpha/web", "beta/webapp", "web", "x_y/web", "xay/web");
        assertThat(store().countRepositories("Web")).isEqualTo(5);
        assertThat(names(store().findRepositories("x_y", null, null, 10))).as("_ is literal").containsExactly("x_y/web");
        assertThat(names(store().findRepositories("%", null, null, 10))).as("%% is literal").isEmpty();
        assertThat(names(store().findRepositories("\\", null, null, 10))).isEmpty();
        assertThat(store().countRepositories(null)).isEqualTo(6);
        assertThat(store().countRepositories("")).isEqualTo(6);
    }

    @Test
    default void findRepositories_pagesForwardAndBackward() {
        for (int i = 0; i < 9; i++) {
            store().linkBlob(name("r/" + i), digest("r" + i), 1);
        }
        assertThat(names(store().findRepositories(null, null, null, 3))).containsExactly("r/0", "r/1", "r/2");
        assertThat(names(store().findRepositories(null, "r/2", null, 3))).containsExactly("r/3", "r/4", "r/5");
        assertThat(names(store().findRepositories(null, null, "r/6", 3))).as("ascending, just before")
                .containsExactly("r/3", "r/4", "r/5");
        assertThat(names(store().findRepositories(null, null, "r/1", 3))).containsExactly("r/0");
        assertThat(names(store().findRepositories(null, "r/8", null, 3))).isEmpty();
        assertThat(store().findRepositories(null, null, null, 0)).isEmpty();
    }

    @Test
    default void findRepositories_reportsFigures_andSkipsEmptyRepositories() {
        RepositoryName repo = name("team/figures");
        ManifestRecord m = linkedImage(store(), repo, "fig");
        store().putManifest(m, "1.0");
        store().putManifest(m, "latest");
        RepositoryName emptied = name("team/emptied");
        store().linkBlob(emptied, digest("e"), 5);
        store().unlinkBlob(emptied, digest("e"));

        List<RepositorySummary> rows = store().findRepositories("team/", null, null, 10);
        assertThat(names(rows)).containsExactly("team/figures");
        RepositorySummary r = rows.get(0);
        assertThat(r.tagCount()).isEqualTo(2);
        assertThat(r.manifestCount()).isEqualTo(1);
        assertThat(r.storedBytes()).as("config 10 + layer 20 + manifest payload").isEqualTo(30 + m.size());
        assertThat(r.lastPush()).isNotNull().isBeforeOrEqualTo(Instant.now());
        assertThat(store().countRepositories("team/")).isEqualTo(1);
    }

    @Test
    default void listTagEntries_giveDigestsAndPushTimes_inOrder() {
        RepositoryName repo = name("team/tags");
        ManifestRecord a = linkedImage(store(), repo, "a");
        ManifestRecord b = linkedImage(store(), repo, "b");
        store().putManifest(a, "v1");
        store().putManifest(b, "v2");
        store().putManifest(a, "latest");
        List<TagEntry> tags = store().listTagEntries(repo, null, 10);
        assertThat(tags).extracting(TagEntry::name).containsExactly("latest", "v1", "v2");
        assertThat(tags).extracting(TagEntry::digest).containsExactly(a.digest(), a.digest(), b.digest());
        assertThat(tags).allSatisfy(t -> assertThat(t.pushedAt()).isNotNull());
        store().putManifest(b, "latest");
        assertThat(store().listTagEntries(repo, null, 1).get(0).digest()).as("moved").isEqualTo(b.digest());
        assertThat(store().listTagEntries(repo, "latest", 10)).extracting(TagEntry::name).containsExactly("v1", "v2");
        assertThat(store().listTagEntries(name("no/such"), null, 10)).isEmpty();
    }

    private static List<String> names(List<RepositorySummary> rows) {
        return rows.stream().map(RepositorySummary::name).toList();
    }
}
