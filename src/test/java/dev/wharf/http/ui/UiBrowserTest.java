package dev.wharf.http.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import dev.wharf.oci.Digest;
import dev.wharf.testing.Manifests;
import dev.wharf.testing.RegistryClient;
import dev.wharf.testing.TestRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The web UI in real headless Chromium: sign in, search, open a repository Jib pushed and check its size and
 * digest, delete with confirmation, start a dry-run GC, and make sure markup in labels and annotations never runs.
 * Screenshots of each page at desktop and phone widths are saved under target/ui-screenshots/.
 */
@Tag("slow")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UiBrowserTest {
    static UiServer server;
    static RegistryClient data;
    static Chromium chromium;
    static ChromeDriver driver;
    static JibContainer pushed;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Chromium.installed(), "needs Debian's chromium and chromium-driver (bin/test-deps installs them)");
        server = new UiServer();
        data = server.client();
        Path app = Files.createDirectories(tmp.resolve("app"));
        Files.writeString(app.resolve("hello.txt"), "hello from the web UI test\n".repeat(2000));
        pushed = Jib.fromScratch()
                .addLayer(List.of(app.resolve("hello.txt")), AbsoluteUnixPath.get("/app"))
                .setEntrypoint("/app/hello")
                .addLabel("org.example.team", "web")
                .containerize(Containerizer.to(RegistryImage.named(server.hostPort() + "/team/web:1.0"))
                        .withAdditionalTag("old")
                        .setAllowInsecureRegistries(true)
                        .setBaseImageLayersCache(tmp.resolve("jib-base"))
                        .setApplicationLayersCache(tmp.resolve("jib-app"))
                        .setToolName("wharf-ui-tests"));
        for (int i = 0; i < 3; i++) {
            data.pushImage("team/other-" + i, "v" + i, ("other " + i).getBytes(StandardCharsets.UTF_8));
        }
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

    private static WebDriverWait waiting() {
        return new WebDriverWait(driver, Duration.ofSeconds(20));
    }

    private static void open(String path) {
        driver.get(server.uri() + path);
    }

    private static void signInIfNeeded() {
        open("/ui/");
        if (driver.getCurrentUrl().contains("/ui/login")) {
            driver.findElement(By.id("username")).sendKeys(TestAccounts.ADMIN);
            driver.findElement(By.id("password")).sendKeys(TestAccounts.ADMIN_PASSWORD, Keys.ENTER);
            waiting().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".user")));
        }
    }

    @Test
    @Order(1)
    void signIn_thenOverviewShowsRegistries() throws Exception {
        open("/ui/repositories");
        assertThat(driver.getCurrentUrl()).contains("/ui/login?next=");
        chromium.screenshots("login");
        driver.findElement(By.id("username")).sendKeys(TestAccounts.ADMIN);
        driver.findElement(By.id("password")).sendKeys("wrong", Keys.ENTER);
        assertThat(waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("login-error"))).getText())
                .contains("Wrong username or password");
        driver.findElement(By.id("password")).sendKeys(TestAccounts.ADMIN_PASSWORD, Keys.ENTER);
        waiting().until(ExpectedConditions.urlContains("/ui/repositories"));
        assertThat(driver.findElement(By.cssSelector(".user")).getText()).isEqualTo("admin");
        assertThat(driver.manage().getCookieNamed(UiCall.COOKIE).isHttpOnly()).isTrue();
        assertThat(driver.manage().getCookieNamed(UiCall.COOKIE).getSameSite()).isEqualTo("Strict");

        open("/ui/");
        WebElement team = driver.findElement(By.cssSelector("li.registry[data-registry='team']"));
        assertThat(team.findElement(By.cssSelector(".repo-count")).getText()).isEqualTo("4");
        chromium.screenshots("overview");
    }

    @Test
    @Order(2)
    void search_openRepository_tagMatchesWhatJibPushed() throws Exception {
        signInIfNeeded();
        open("/ui/repositories");
        chromium.screenshots("repositories");
        WebElement q = driver.findElement(By.id("q"));
        q.sendKeys("WEB", Keys.ENTER);
        waiting().until(ExpectedConditions.urlContains("q=WEB"));
        List<WebElement> links = driver.findElements(By.cssSelector("a.repo-link"));
        assertThat(links).extracting(WebElement::getText).containsExactly("team/web");
        links.get(0).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("tags")));
        assertThat(driver.findElement(By.id("repo-name")).getText()).isEqualTo("team/web");

        // what the registry holds for the tag Jib pushed: digest and total size (manifest + config + layers)
        var served = data.send(data.request("/v2/team/web/manifests/1.0")
                .header("Accept", Manifests.DOCKER_MANIFEST + "," + Manifests.OCI_MANIFEST).GET().build());
        JsonNode manifest = new ObjectMapper().readTree(served.body());
        long size = served.body().length + manifest.path("config").path("size").asLong();
        for (JsonNode layer : manifest.path("layers")) {
            size += layer.path("size").asLong();
        }
        WebElement row = driver.findElement(By.cssSelector("#tags tr[data-tag='1.0']"));
        String digest = pushed.getDigest().toString();
        assertThat(Digest.sha256(served.body()).toString()).isEqualTo(digest);
        assertThat(row.findElement(By.cssSelector("td.digest code")).getAttribute("title")).isEqualTo(digest);
        assertThat(row.findElement(By.cssSelector("td.digest code")).getText()).isEqualTo(Fmt.shortDigest(digest));
        WebElement sizeCell = row.findElement(By.cssSelector("td.size"));
        assertThat(sizeCell.getAttribute("data-bytes")).isEqualTo(Long.toString(size));
        assertThat(sizeCell.getText()).isEqualTo(Fmt.bytes(size)).endsWith("KB");
        assertThat(row.findElement(By.cssSelector("td.platforms")).getText()).contains("linux/amd64");
        assertThat(row.findElement(By.cssSelector("td.layers")).getText()).isEqualTo("1");
        assertThat(driver.findElement(By.id("pull-command")).getAttribute("value"))
                .isEqualTo("docker pull " + server.hostPort() + "/team/web:1.0");

        WebElement copy = row.findElement(By.cssSelector("td.digest button.copy"));
        copy.click();
        waiting().until(d -> digest.equals(copy.getAttribute("data-copied")));

        // sortable: by tag descending puts "old" before "1.0"... and ascending back
        WebElement byTag = driver.findElement(By.cssSelector("#tags th button[data-sort-col='0']"));
        byTag.click();
        assertThat(firstTag()).isEqualTo("old");
        byTag.click();
        assertThat(firstTag()).isEqualTo("1.0");
        chromium.screenshots("repository");

        row.findElement(By.cssSelector("td.tag a")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("manifest-digest")));
        assertThat(driver.findElement(By.id("manifest-digest")).getText()).isEqualTo(digest);
        assertThat(driver.findElement(By.id("total-size")).getAttribute("data-bytes")).isEqualTo(Long.toString(size));
        assertThat(driver.findElement(By.id("labels")).getText()).contains("org.example.team").contains("web");
        assertThat(driver.findElement(By.id("config")).getText()).contains("/app/hello");
        assertThat(driver.findElement(By.id("raw-manifest")).getText()).contains("\"layers\"");
        chromium.screenshots("manifest");
    }

    private static String firstTag() {
        return driver.findElement(By.cssSelector("#tags tbody tr")).getAttribute("data-tag");
    }

    @Test
    @Order(3)
    void delete_withConfirmation_removesTheTagAndTheRow() throws Exception {
        signInIfNeeded();
        open("/ui/repos/team/web");
        By oldRow = By.cssSelector("#tags tr[data-tag='old']");
        WebElement delete = driver.findElement(oldRow).findElement(By.cssSelector("button.delete"));

        delete.click();
        WebElement dialog = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-delete")));
        assertThat(dialog.getText()).contains("Delete tag old?");
        chromium.screenshots("delete-confirm");
        driver.findElement(By.id("confirm-cancel")).click();
        waiting().until(ExpectedConditions.invisibilityOf(dialog));
        assertThat(driver.findElements(oldRow)).as("cancel keeps the tag").hasSize(1);
        assertThat(data.get("/v2/team/web/manifests/old").statusCode()).isEqualTo(200);

        delete.click();
        waiting().until(ExpectedConditions.visibilityOf(dialog));
        driver.findElement(By.id("confirm-ok")).click();
        waiting().until(ExpectedConditions.numberOfElementsToBe(oldRow, 0));
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Deleted tag old"));
        assertThat(data.get("/v2/team/web/manifests/old").statusCode()).isEqualTo(404);
        assertThat(data.get("/v2/team/web/manifests/1.0").statusCode()).as("the other tag stays").isEqualTo(200);
        driver.navigate().refresh();
        assertThat(driver.findElements(oldRow)).isEmpty();
        assertThat(driver.findElements(By.cssSelector("#tags tr[data-tag='1.0']"))).hasSize(1);
    }

    @Test
    @Order(3)
    void deleteManifest_fromItsPage_removesEveryTagPointingAtIt() {
        byte[] m = data.pushImage("team/twice", "a", "twice".getBytes(StandardCharsets.UTF_8));
        data.pushImage("team/twice", "b", "twice".getBytes(StandardCharsets.UTF_8));
        data.pushImage("team/twice", "keep", "different".getBytes(StandardCharsets.UTF_8));
        signInIfNeeded();
        open("/ui/repos/team/twice/-/manifests/a");
        List<WebElement> buttons = driver.findElements(By.cssSelector("button.delete"));
        assertThat(buttons).extracting(WebElement::getText).containsExactly("Delete tag", "Delete manifest");
        buttons.get(1).click();
        WebElement dialog = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-delete")));
        assertThat(dialog.getText()).contains(Digest.sha256(m).toString()).contains("every tag pointing at it");
        driver.findElement(By.id("confirm-ok")).click();
        waiting().until(ExpectedConditions.urlToBe(server.uri() + "/ui/repos/team/twice"));
        assertThat(driver.findElements(By.cssSelector("#tags tbody tr"))).extracting(e -> e.getAttribute("data-tag"))
                .containsExactly("keep");
        assertThat(data.get("/v2/team/twice/manifests/" + Digest.sha256(m)).statusCode()).isEqualTo(404);
    }

    @Test
    @Order(4)
    void gc_dryRunStartsAndShowsInHistory() throws Exception {
        signInIfNeeded();
        open("/ui/gc");
        new Select(driver.findElement(By.id("gc-type"))).selectByValue("unreferenced_blobs_and_manifests");
        assertThat(driver.findElement(By.id("gc-dry-run")).isSelected()).isTrue();
        driver.findElement(By.id("gc-submit")).click();
        waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("gc-message")));
        assertThat(server.gc.runs()).hasSize(1);
        assertThat(server.gc.runs().get(0).dryRun()).isTrue();
        WebElement history = driver.findElement(By.id("gc-history"));
        assertThat(history.getText()).contains("unreferenced_blobs_and_manifests (dry run)").contains("4.20 MB");
        chromium.screenshots("gc");
    }

    @Test
    @Order(5)
    void activity_showsLoginsAndDeletes() throws Exception {
        signInIfNeeded();
        open("/ui/activity");
        String text = driver.findElement(By.id("activity")).getText();
        assertThat(text).contains("login").contains("login_failed").contains("delete").contains("team/web:old");
        chromium.screenshots("activity");
    }

    @Test
    @Order(6)
    void markupInNamesTagsLabelsAndAnnotations_neverRendersOrRuns() throws Exception {
        String evil = "<img src=x onerror=\"document.title='pwned'\"><script>window.pwned=1</script><b>bold</b>";
        // names and tags with markup are refused by the data plane, so they can never reach a page
        assertThat(data.putManifest("team/%3Cb%3Ex%3C%2Fb%3E", "t", Manifests.OCI_MANIFEST, new byte[]{'{', '}'}).statusCode())
                .isIn(400, 404);
        byte[] plain = data.pushImage("team/markup", "ok", "m".getBytes(StandardCharsets.UTF_8));
        assertThat(data.putManifest("team/markup", "%3Cscript%3E", Manifests.OCI_MANIFEST, plain).statusCode())
                .isEqualTo(400);

        ObjectMapper json = new ObjectMapper();
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{"
                + json.writeValueAsString("<i>label</i>") + ":" + json.writeValueAsString(evil) + "},\"Cmd\":["
                + json.writeValueAsString(evil) + "]},\"history\":[{\"created_by\":" + json.writeValueAsString(evil)
                + "}],\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}").getBytes(StandardCharsets.UTF_8);
        Digest c = data.pushBlob("team/markup", config);
        Digest l = data.pushBlob("team/markup", "markup layer".getBytes(StandardCharsets.UTF_8));
        String m = new String(Manifests.ociManifest(c, config.length, l, 12), StandardCharsets.UTF_8);
        String manifest = m.substring(0, m.length() - 1) + ",\"annotations\":{" + json.writeValueAsString(evil) + ":"
                + json.writeValueAsString(evil) + "}}";
        assertThat(data.putManifest("team/markup", "evil", Manifests.OCI_MANIFEST,
                manifest.getBytes(StandardCharsets.UTF_8)).statusCode()).isEqualTo(201);

        signInIfNeeded();
        for (String path : new String[]{"/ui/repos/team/markup", "/ui/repos/team/markup/-/manifests/evil",
                "/ui/repositories?q=" + UiSession.enc(evil), "/ui/activity"}) {
            open(path);
            assertThatThrownBy(() -> driver.switchTo().alert()).isInstanceOf(NoAlertPresentException.class);
            assertThat(driver.getTitle()).as(path).doesNotContain("pwned");
            assertThat(driver.executeScript("return window.pwned === undefined")).as(path).isEqualTo(true);
            assertThat(driver.findElements(By.cssSelector("main img, main b, main i"))).as(path).isEmpty();
        }
        open("/ui/repos/team/markup/-/manifests/evil");
        assertThat(driver.findElement(By.id("labels")).getText()).contains("<i>label</i>").contains("<b>bold</b>");
        assertThat(driver.findElement(By.id("annotations")).getText()).contains("<script>window.pwned=1</script>");
        assertThat(driver.findElement(By.id("history")).getText()).contains("onerror=");
        chromium.screenshots("markup-escaped");
    }

    @Test
    @Order(7)
    void themeToggle_andKeyboard() throws Exception {
        signInIfNeeded();
        open("/ui/");
        assertThat(driver.findElement(By.tagName("html")).getAttribute("data-theme")).isEqualTo("dark");
        driver.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        assertThat(driver.switchTo().activeElement().getText()).isEqualTo("Skip to content");
        WebElement toggle = driver.findElement(By.id("theme-toggle"));
        toggle.sendKeys(Keys.ENTER);
        assertThat(driver.findElement(By.tagName("html")).getAttribute("data-theme")).isEqualTo("light");
        assertThat(toggle.getAttribute("aria-pressed")).isEqualTo("true");
        driver.navigate().refresh();
        assertThat(driver.findElement(By.tagName("html")).getAttribute("data-theme")).as("kept").isEqualTo("light");
        chromium.screenshots("overview-light");
        open("/ui/repos/team/web");
        chromium.screenshots("repository-light");
        driver.findElement(By.id("theme-toggle")).click();
        assertThat(driver.findElement(By.tagName("html")).getAttribute("data-theme")).isEqualTo("dark");
    }

    @Test
    @Order(8)
    void signOut_endsTheSession() {
        signInIfNeeded();
        open("/ui/");
        driver.findElement(By.cssSelector("form[action='/ui/logout'] button")).click();
        waiting().until(ExpectedConditions.urlContains("/ui/login"));
        open("/ui/repositories");
        assertThat(driver.getCurrentUrl()).contains("/ui/login");
    }

    /**
     * The UI as WharfServer wires it (open, no auth configured): the GC page says garbage collection is
     * unavailable until a GcControl is wired, and then starts a dry run from the form.
     */
    @Test
    @Order(9)
    void wharfServer_gcPage_unavailableOrStartsDryRun() throws Exception {
        try (TestRegistry registry = TestRegistry.start()) {
            registry.client().pushImage("open/app", "1", "open".getBytes(StandardCharsets.UTF_8));
            driver.get(registry.uri() + "/ui/repos/open/app");
            assertThat(driver.findElement(By.id("repo-name")).getText()).isEqualTo("open/app");
            driver.get(registry.uri() + "/ui/gc");
            List<WebElement> unavailable = driver.findElements(By.id("gc-unavailable"));
            if (!unavailable.isEmpty()) {
                assertThat(unavailable.get(0).getText()).contains("not available");
                chromium.screenshots("gc-unavailable");
                return;
            }
            new Select(driver.findElement(By.id("gc-type"))).selectByValue("unreferenced_blobs_only");
            assertThat(driver.findElement(By.id("gc-dry-run")).isSelected()).isTrue();
            driver.findElement(By.id("gc-submit")).click();
            waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("gc-message")));
            waiting().until(d -> d.findElement(By.id("gc-history")).getText().contains("(dry run)"));
        }
    }
}
