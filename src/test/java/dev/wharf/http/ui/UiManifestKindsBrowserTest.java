package dev.wharf.http.ui;

import dev.wharf.testing.Manifests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The manifest pages of a multi-platform OCI index, a Docker manifest list, an OCI artifact and a signature in
 * real headless Chromium, plus the repository holding all four: each page must render (the error page has no
 * digest) and show what tells these kinds apart. Screenshots go to target/ui-screenshots/.
 */
@Tag("slow")
class UiManifestKindsBrowserTest {
    static UiServer server;
    static ManifestKinds kinds;
    static Chromium chromium;
    static ChromeDriver driver;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Chromium.installed(), "needs Debian's chromium and chromium-driver (bin/test-deps installs them)");
        server = new UiServer();
        kinds = new ManifestKinds(server.client());
        chromium = new Chromium();
        driver = chromium.driver;
    }

    @AfterAll
    static void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void signIn() {
        open("/ui/");
        if (driver.getCurrentUrl().contains("/ui/login")) {
            driver.findElement(By.id("username")).sendKeys(TestAccounts.ADMIN);
            driver.findElement(By.id("password")).sendKeys(TestAccounts.ADMIN_PASSWORD, Keys.ENTER);
            new WebDriverWait(driver, Duration.ofSeconds(20))
                    .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".user")));
        }
    }

    private static void open(String path) {
        driver.get(server.uri() + path);
    }

    private static void openManifest(String reference) {
        open(Fmt.manifestUrl(ManifestKinds.REPO, reference));
    }

    /** The page's manifest digest; an error page has none, so a page that cannot render fails here. */
    private static String shownDigest() {
        List<WebElement> digest = driver.findElements(By.id("manifest-digest"));
        assertThat(digest).as("manifest page rendered: " + driver.findElement(By.tagName("main")).getText()).hasSize(1);
        return digest.get(0).getText();
    }

    private static String summary(String term) {
        for (WebElement dt : driver.findElements(By.cssSelector("#summary dt"))) {
            if (dt.getText().equals(term)) {
                return dt.findElement(By.xpath("following-sibling::dd[1]")).getText();
            }
        }
        return null;
    }

    /** Platform, digest (from the link's title) and link target of each row of the Platforms table. */
    private static List<List<String>> platformRows() {
        return driver.findElements(By.cssSelector("#children tbody tr")).stream().map(tr -> {
            List<WebElement> cells = tr.findElements(By.tagName("td"));
            WebElement link = cells.get(1).findElement(By.tagName("a"));
            return List.of(cells.get(0).getText(), link.findElement(By.tagName("code")).getAttribute("title"),
                    link.getAttribute("href"));
        }).toList();
    }

    private static List<List<String>> expectedRows(List<ManifestKinds.Child> children) {
        return children.stream().map(c -> List.of(c.platform(), c.digest().toString(),
                server.uri() + Fmt.manifestUrl(ManifestKinds.REPO, c.digest().toString()))).toList();
    }

    @Test
    void ociIndex_listsPlatformsWithDigests_andTheSignatureReferringToIt() throws Exception {
        openManifest(ManifestKinds.INDEX_TAG);
        assertThat(shownDigest()).isEqualTo(kinds.index.toString());
        assertThat(summary("Media type")).isEqualTo(Manifests.OCI_INDEX);
        assertThat(summary("Artifact type")).as("an image is no artifact").isNull();
        assertThat(platformRows()).isEqualTo(expectedRows(kinds.indexChildren));
        WebElement referrer = driver.findElement(By.cssSelector("#referrers tbody tr"));
        assertThat(referrer.findElement(By.cssSelector("td:first-child")).getText()).isEqualTo(ManifestKinds.SIGNATURE_TYPE);
        assertThat(referrer.findElement(By.cssSelector("a code")).getAttribute("title")).isEqualTo(kinds.signature.toString());
        chromium.screenshots("manifest-oci-index");

        driver.findElement(By.cssSelector("#children tbody tr:nth-child(2) a")).click();
        assertThat(shownDigest()).as("a child's own page").isEqualTo(kinds.indexChildren.get(1).digest().toString());
        assertThat(summary("Platform")).isEqualTo("linux/arm64/v8");
    }

    @Test
    void dockerManifestList_listsPlatformsWithDigests() throws Exception {
        openManifest(ManifestKinds.LIST_TAG);
        assertThat(shownDigest()).isEqualTo(kinds.list.toString());
        assertThat(summary("Media type")).isEqualTo(Manifests.DOCKER_LIST);
        assertThat(platformRows()).isEqualTo(expectedRows(kinds.listChildren));
        assertThat(driver.findElement(By.id("referrers-h")).findElement(By.xpath("..")).getText())
                .contains("No signatures, SBOMs or attestations");
        chromium.screenshots("manifest-docker-list");
    }

    @Test
    void artifact_showsItsArtifactType() throws Exception {
        openManifest(ManifestKinds.ARTIFACT_TAG);
        assertThat(shownDigest()).isEqualTo(kinds.artifact.toString());
        assertThat(summary("Artifact type")).isEqualTo(ManifestKinds.SBOM_TYPE);
        assertThat(summary("Subject")).isNull();
        assertThat(driver.findElement(By.cssSelector("#layers tbody tr")).getText()).contains("application/spdx+json");
        assertThat(driver.findElement(By.id("config")).getText()).contains(ManifestKinds.EMPTY_CONFIG);
        chromium.screenshots("manifest-artifact");
    }

    @Test
    void signature_linksToItsSubject_andTheSubjectListsIt() throws Exception {
        openManifest(ManifestKinds.INDEX_TAG);
        driver.findElement(By.cssSelector("#referrers tbody a")).click();
        assertThat(shownDigest()).as("the referrer's own page").isEqualTo(kinds.signature.toString());
        assertThat(summary("Artifact type")).isEqualTo(ManifestKinds.SIGNATURE_TYPE);
        assertThat(summary("Subject")).isEqualTo(kinds.index.toString());
        chromium.screenshots("manifest-signature");

        WebElement subject = driver.findElement(By.cssSelector("#summary a[href*='/-/manifests/']"));
        assertThat(subject.getAttribute("href"))
                .isEqualTo(server.uri() + Fmt.manifestUrl(ManifestKinds.REPO, kinds.index.toString()));
        subject.click();
        assertThat(shownDigest()).isEqualTo(kinds.index.toString());
        assertThat(driver.findElements(By.cssSelector("#referrers tbody tr"))).hasSize(1);
    }

    @Test
    void repositoryPage_listsEveryKindWithPlatforms_andEachTagOpens() throws Exception {
        open("/ui/repositories?q=kinds");
        assertThat(driver.findElements(By.cssSelector("a.repo-link"))).extracting(WebElement::getText)
                .containsExactly(ManifestKinds.REPO);
        open("/ui/repos/" + ManifestKinds.REPO);
        assertThat(driver.findElement(By.id("repo-name")).getText()).isEqualTo(ManifestKinds.REPO);
        assertThat(driver.findElements(By.cssSelector("#tags tbody tr"))).extracting(
                        tr -> tuple(tr.getAttribute("data-tag"), tr.getAttribute("data-digest"),
                                tr.findElement(By.cssSelector("td.platforms")).getText()))
                .containsExactlyInAnyOrder(
                        tuple(ManifestKinds.INDEX_TAG, kinds.index.toString(), "linux/amd64 linux/arm64/v8"),
                        tuple(ManifestKinds.LIST_TAG, kinds.list.toString(), "linux/amd64 linux/arm/v7"),
                        tuple(ManifestKinds.ARTIFACT_TAG, kinds.artifact.toString(), "—"),
                        tuple(kinds.signatureTag, kinds.signature.toString(), "—"));
        chromium.screenshots("repository-kinds");

        Map<String, String> digests = Map.of(ManifestKinds.INDEX_TAG, kinds.index.toString(),
                ManifestKinds.LIST_TAG, kinds.list.toString(), ManifestKinds.ARTIFACT_TAG, kinds.artifact.toString(),
                kinds.signatureTag, kinds.signature.toString());
        for (var e : digests.entrySet()) {
            open("/ui/repos/" + ManifestKinds.REPO);
            driver.findElement(By.cssSelector("#tags tr[data-tag='" + e.getKey() + "'] td.tag a")).click();
            assertThat(shownDigest()).as(e.getKey()).isEqualTo(e.getValue());
            assertThat(driver.findElement(By.tagName("h1")).getText()).as(e.getKey()).endsWith(":" + e.getKey());
        }
    }
}
