package dev.wharf.meta;

import dev.wharf.oci.Digest;
import dev.wharf.oci.RepositoryName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Repository pages and search over 10,000 repositories: every keyset page is complete and in order, the search
 * count is exact, and the time of a page is printed for the record (not asserted: speed belongs in bench/).
 */
class BrowsingScaleTest {
    @TempDir
    Path dir;

    @Test
    void tenThousandRepositories_pagesAndSearchStayExact() {
        try (JdbcMetadataStore meta = JdbcMetadataStore.open("jdbc:sqlite:" + dir.resolve("m.db"), null, null)) {
            Digest blob = Digest.sha256("shared".getBytes(StandardCharsets.UTF_8));
            meta.database().write(tx -> {
                long now = System.currentTimeMillis();
                for (int i = 0; i < 10_000; i++) {
                    String name = String.format("org%02d/service-%05d", i % 50, i);
                    long id = Repositories.createOrFind(tx, new RepositoryName(name), now);
                    Blobs.link(tx, id, blob, 6, now, LinkQuota.NONE);
                }
                return null;
            });
            assertThat(meta.countRepositories(null)).isEqualTo(10_000);
            assertThat(meta.countRepositories("SERVICE-0999")).isEqualTo(10);

            long start = System.nanoTime();
            String after = null;
            int seen = 0;
            String previous = "";
            while (true) {
                List<RepositorySummary> page = meta.findRepositories(null, after, null, 50);
                for (RepositorySummary r : page) {
                    assertThat(r.name()).isGreaterThan(previous);
                    assertThat(r.storedBytes()).isEqualTo(6);
                    previous = r.name();
                }
                seen += page.size();
                if (page.size() < 50) {
                    break;
                }
                after = page.get(page.size() - 1).name();
            }
            long allPages = System.nanoTime() - start;
            assertThat(seen).isEqualTo(10_000);

            start = System.nanoTime();
            List<RepositorySummary> rare = meta.findRepositories("service-09999", null, null, 50);
            long rareSearch = System.nanoTime() - start;
            assertThat(rare).extracting(RepositorySummary::name).containsExactly("org49/service-09999");
            List<RepositorySummary> last = meta.findRepositories(null, null, "org49/service-09999", 3);
            assertThat(last).extracting(RepositorySummary::name)
                    .containsExactly("org49/service-09849", "org49/service-09899", "org49/service-09949");
            System.out.printf("10,000 repositories: 200 pages of 50 in %d ms (%.2f ms a page); "
                    + "a search matching one name in %.2f ms%n", allPages / 1_000_000, allPages / 200 / 1e6, rareSearch / 1e6);
        }
    }
}
