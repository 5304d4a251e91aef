package dev.wharf.meta;

import dev.wharf.oci.Digest;
import dev.wharf.oci.RepositoryName;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.wharf.meta.MetadataFixtures.OTHER;
import static dev.wharf.meta.MetadataFixtures.REPO;
import static dev.wharf.meta.MetadataFixtures.digest;
import static dev.wharf.meta.MetadataFixtures.forEachInParallel;
import static dev.wharf.meta.MetadataFixtures.linkedImage;
import static dev.wharf.meta.MetadataFixtures.sorted;
import static org.assertj.core.api.Assertions.assertThat;

/** Keyset pagination of tags and repositories: byte order on every backend, empty repositories skipped. */
interface ListingContract {

    MetadataStore store();

    @Test
    default void listTags_paginatesInByteOrder() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 246; i++) {
            names.add("t" + i);
        }
        names.addAll(List.of("a-b", "a.b", "a_b", "A", "Z9", "_x", "latest", "1.0"));
        var m = linkedImage(store(), REPO, "img");
        store().putManifest(m, null);
        forEachInParallel(names, n -> store().putManifest(m, n));
        List<String> expected = sorted(names);

        List<String> pages = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String after = null;
        while (true) {
            List<String> page = store().listTags(REPO, after, 100);
            if (page.isEmpty()) {
                break;
            }
            sizes.add(page.size());
            pages.addAll(page);
            after = page.getLast();
        }

        assertThat(names).hasSize(254);
        assertThat(sizes).containsExactly(100, 100, 54);
        assertThat(pages).containsExactlyElementsOf(expected);
        assertThat(expected.subList(0, 4)).containsExactly("1.0", "A", "Z9", "_x");
        assertThat(store().listTags(REPO, "a-b", 3)).containsExactly("a.b", "a_b", "latest");
        assertThat(store().listTags(REPO, "a-a-not-a-tag", 1)).containsExactly("a-b");
        assertThat(store().listTags(REPO, null, 0)).isEmpty();
        assertThat(store().listTags(OTHER, null, 10)).isEmpty();
    }

    @Test
    default void listRepositories_paginatesInByteOrderAndSkipsEmptyRepositories() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            names.add("r" + i + "/app");
        }
        names.addAll(List.of("a-b", "a.b", "a_b", "a/b", "a", "0", "z", "a__b", "a--b", "a/b/c"));
        Digest d = digest("shared");
        forEachInParallel(names, n -> store().linkBlob(RepositoryName.parse(n), d, 1));
        // a repository whose only blob was unlinked, and one with only an upload: neither is listed
        store().linkBlob(RepositoryName.parse("gone"), d, 1);
        store().unlinkBlob(RepositoryName.parse("gone"), d);
        Instant now = Instant.now();
        store().createUpload(new UploadSession("u1", RepositoryName.parse("uploads/only"), 0, now, now));
        store().deleteUpload("u1");
        store().createUpload(new UploadSession("u2", RepositoryName.parse("uploads/pending"), 0, now, now));

        List<String> all = new ArrayList<>();
        String after = null;
        List<Integer> sizes = new ArrayList<>();
        while (true) {
            List<String> page = store().listRepositories(after, 100);
            if (page.isEmpty()) {
                break;
            }
            sizes.add(page.size());
            all.addAll(page);
            after = page.getLast();
        }

        assertThat(sizes).containsExactly(100, 100, 50);
        assertThat(all).containsExactlyElementsOf(sorted(names));
        assertThat(store().repositoryExists(RepositoryName.parse("gone"))).isFalse();
        assertThat(store().repositoryExists(RepositoryName.parse("uploads/pending"))).isFalse();
        assertThat(store().listRepositories("a-b", 2)).containsExactly("a.b", "a/b");
    }
}
