package dev.wharf.http.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.oci.Digest;
import dev.wharf.testing.Manifests;
import dev.wharf.testing.RegistryClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The UI over plain HTTP: sign-in and sessions, CSRF and permission refusals, escaping, JSON endpoints. */
class UiHttpTest {
    static UiServer server;
    static RegistryClient data;
    static byte[] teamManifest;

    @BeforeAll
    static void start() throws Exception {
        server = new UiServer();
        data = server.client();
        teamManifest = data.pushImage("team/app", "1.0", "layer of team/app".getBytes(StandardCharsets.UTF_8));
        data.pushImage("team/app", "latest", "layer of team/app".getBytes(StandardCharsets.UTF_8));
        data.pushImage("team/tools/deep/name", "v1", "deep".getBytes(StandardCharsets.UTF_8));
        data.pushImage("other/secret", "1", "secret".getBytes(StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    private static UiSession signedIn(String user, String password) {
        UiSession s = new UiSession(server.uri());
        HttpResponse<String> r = s.signIn(user, password);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        return s;
    }

    private static UiSession admin() {
        return signedIn(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
    }

    @Test
    void signIn_setsHttpOnlySameSiteCookie_andNewSessionId() {
        UiSession s = new UiSession(server.uri());
        s.get("/ui/login");
        String before = s.cookie;
        HttpResponse<String> r = s.signIn(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD);
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(r.headers().firstValue("Location")).hasValue("/ui/");
        String setCookie = r.headers().allValues("Set-Cookie").get(0);
        assertThat(setCookie).contains("HttpOnly").contains("SameSite=Strict").contains("Max-Age=43200").contains("Path=/");
        assertThat(s.cookie).isNotNull().isNotEqualTo(before).hasSizeGreaterThanOrEqualTo(43);
        assertThat(s.get("/ui/").statusCode()).isEqualTo(200);
        assertThat(server.audit.all()).anyMatch(e -> e.action().equals("login") && e.actor().equals("admin"));
    }

    @Test
    void signIn_wrongPassword_isRefusedAndAudited() {
        UiSession s = new UiSession(server.uri());
        HttpResponse<String> r = s.signIn(TestAccounts.ADMIN, "wrong");
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("Wrong username or password");
        assertThat(s.get("/ui/").statusCode()).as("still not signed in").isEqualTo(303);
        assertThat(server.audit.all()).anyMatch(e -> e.action().equals("login_failed"));
    }

    @Test
    void signIn_withoutCsrfToken_isRefused() {
        UiSession s = new UiSession(server.uri());
        s.get("/ui/login");
        HttpResponse<String> r = s.post("/ui/login", "username=admin&password=" + TestAccounts.ADMIN_PASSWORD);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(s.get("/ui/").statusCode()).isEqualTo(303);
    }

    @Test
    void strangers_areSentToSignIn_andApiSays401() {
        UiSession s = new UiSession(server.uri());
        HttpResponse<String> page = s.get("/ui/repos/team/app");
        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).hasValue("/ui/login?next=%2Fui%2Frepos%2Fteam%2Fapp");
        assertThat(s.get("/ui/api/repositories").statusCode()).isEqualTo(401);
        assertThat(s.get("/api/repos").statusCode()).isEqualTo(401);
    }

    @Test
    void signIn_nextPointingElsewhere_landsOnOverview() {
        assertThat(LoginFlow.safeNext("//evil.example/x")).isEqualTo("/ui/");
        assertThat(LoginFlow.safeNext("https://evil.example/")).isEqualTo("/ui/");
        assertThat(LoginFlow.safeNext("/ui/\\evil")).isEqualTo("/ui/");
        assertThat(LoginFlow.safeNext("/ui/repos/team/app")).isEqualTo("/ui/repos/team/app");
    }

    @Test
    void session_expiresAfterIdleTime() {
        UiSession s = admin();
        assertThat(s.get("/ui/repositories").statusCode()).isEqualTo(200);
        server.advanceClock(Duration.ofMinutes(29));
        assertThat(s.get("/ui/repositories").statusCode()).as("used within the idle time").isEqualTo(200);
        server.advanceClock(Duration.ofMinutes(31));
        assertThat(s.get("/ui/repositories").statusCode()).as("idle too long").isEqualTo(303);
        assertThat(s.get("/ui/api/repositories").statusCode()).isEqualTo(401);
    }

    @Test
    void session_endsWhenAccountIsDisabled() {
        TestAccounts accounts = server.accounts;
        UiSession s = signedIn(TestAccounts.READER, TestAccounts.READER_PASSWORD);
        assertThat(s.get("/ui/repositories").statusCode()).isEqualTo(200);
        accounts.disable(TestAccounts.READER);
        try {
            assertThat(s.get("/ui/repositories").statusCode()).isEqualTo(303);
        } finally {
            accounts.enable(TestAccounts.READER, TestAccounts.READER_PASSWORD);
        }
    }

    @Test
    void signOut_needsCsrf_andEndsTheSession() {
        UiSession s = admin();
        String cookie = s.cookie;
        assertThat(s.post("/ui/logout", "").statusCode()).isEqualTo(403);
        assertThat(s.post("/ui/logout", "csrf=" + s.csrf).statusCode()).isEqualTo(303);
        s.cookie = cookie;
        assertThat(s.get("/ui/").statusCode()).as("the old session id is dead").isEqualTo(303);
    }

    @Test
    void delete_withoutOrWithWrongCsrf_isRefused_andNothingIsLost() {
        data.pushImage("team/keep", "x", "keep".getBytes(StandardCharsets.UTF_8));
        UiSession s = admin();
        assertThat(s.delete("/ui/api/repos/team/keep/-/manifests/x", null).statusCode()).isEqualTo(403);
        assertThat(s.delete("/ui/api/repos/team/keep/-/manifests/x", "forged").statusCode()).isEqualTo(403);
        UiSession other = admin();
        assertThat(s.delete("/ui/api/repos/team/keep/-/manifests/x", other.csrf).statusCode())
                .as("another session's token").isEqualTo(403);
        assertThat(data.get("/v2/team/keep/manifests/x").statusCode()).isEqualTo(200);
    }

    @Test
    void delete_withoutDeletePermission_isDenied() {
        data.pushImage("team/ro", "x", "ro".getBytes(StandardCharsets.UTF_8));
        UiSession reader = signedIn(TestAccounts.READER, TestAccounts.READER_PASSWORD);
        HttpResponse<String> page = reader.get("/ui/repos/team/ro");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).as("no delete button for a reader").doesNotContain("class=\"danger small delete\"");
        HttpResponse<String> r = reader.delete("/ui/api/repos/team/ro/-/manifests/x", reader.csrf);
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("DENIED");
        assertThat(data.get("/v2/team/ro/manifests/x").statusCode()).isEqualTo(200);
    }

    @Test
    void delete_withPermissionAndToken_removesTheTag() throws Exception {
        data.pushImage("team/gone", "a", "gone".getBytes(StandardCharsets.UTF_8));
        data.pushImage("team/gone", "b", "gone".getBytes(StandardCharsets.UTF_8));
        UiSession s = admin();
        s.get("/ui/repos/team/gone");
        assertThat(s.delete("/ui/api/repos/team/gone/-/manifests/a", s.csrf).statusCode()).isEqualTo(204);
        assertThat(data.get("/v2/team/gone/manifests/a").statusCode()).isEqualTo(404);
        assertThat(data.get("/v2/team/gone/manifests/b").statusCode()).as("only the tag went").isEqualTo(200);
        assertThat(s.delete("/ui/api/repos/team/gone/-/manifests/a", s.csrf).statusCode()).isEqualTo(404);
        assertThat(server.audit.all()).anyMatch(e -> e.action().equals("delete") && e.target().equals("team/gone:a"));
    }

    @Test
    void reader_seesOnlyPermittedRepositories() throws Exception {
        UiSession reader = signedIn(TestAccounts.READER, TestAccounts.READER_PASSWORD);
        JsonNode list = json(reader.get("/ui/api/repositories?n=1000"));
        assertThat(list.path("repositories").findValuesAsText("name")).contains("team/app").doesNotContain("other/secret");
        assertThat(list.path("total").isNull() || list.path("total").isMissingNode()).isTrue();
        assertThat(reader.get("/ui/repos/other/secret").statusCode()).isEqualTo(404);
        assertThat(reader.get("/api/tags/other/secret").statusCode()).isEqualTo(404);
        assertThat(reader.get("/ui/activity").statusCode()).isEqualTo(403);
        assertThat(reader.get("/ui/gc").statusCode()).isEqualTo(403);
    }

    @Test
    void simpleJsonEndpoints_listRepositoriesAndTags() throws Exception {
        UiSession s = admin();
        JsonNode repos = json(s.get("/api/repos"));
        assertThat(repos.path("repositories").toString()).contains("\"team/app\"", "\"team/tools/deep/name\"");
        JsonNode tags = json(s.get("/api/tags/team/app"));
        assertThat(tags.path("name").asText()).isEqualTo("team/app");
        assertThat(tags.path("tags").toString()).isEqualTo("[\"1.0\",\"latest\"]");
        assertThat(json(s.get("/api/tags/team/tools/deep/name")).path("tags").get(0).asText()).isEqualTo("v1");
        assertThat(s.get("/api/tags/no/such").statusCode()).isEqualTo(404);
        assertThat(s.get("/api/tags/BAD..name").statusCode()).isEqualTo(400);
    }

    @Test
    void basicAuth_worksForScripts_withoutCsrf() throws Exception {
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(
                (TestAccounts.ADMIN + ":" + TestAccounts.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        UiSession s = new UiSession(server.uri());
        var r = s.send(s.request("/api/repos").header("Authorization", basic).GET().build());
        assertThat(r.statusCode()).isEqualTo(200);
        var bad = s.send(s.request("/api/repos").header("Authorization", "Basic " + java.util.Base64.getEncoder()
                .encodeToString("admin:nope".getBytes(StandardCharsets.UTF_8))).GET().build());
        assertThat(bad.statusCode()).isEqualTo(401);
    }

    @Test
    void tagsEndpoint_reportsSizeDigestAndPlatform() throws Exception {
        UiSession s = admin();
        JsonNode tags = json(s.get("/ui/api/repos/team/app/-/tags"));
        JsonNode first = tags.path("tags").get(0);
        JsonNode m = new ObjectMapper().readTree(teamManifest);
        long expected = teamManifest.length + m.path("config").path("size").asLong()
                + m.path("layers").get(0).path("size").asLong();
        assertThat(first.path("tag").asText()).isEqualTo("1.0");
        assertThat(first.path("digest").asText()).isEqualTo(Digest.sha256(teamManifest).toString());
        assertThat(first.path("size").asLong()).isEqualTo(expected);
        assertThat(first.path("platforms").get(0).asText()).isEqualTo("linux/amd64");
        assertThat(first.path("layers").asInt()).isEqualTo(1);

        JsonNode details = json(s.get("/ui/api/repos/team/app/-/manifests/1.0"));
        assertThat(details.path("digest").asText()).isEqualTo(Digest.sha256(teamManifest).toString());
        assertThat(details.path("layers").get(0).path("mediaType").asText()).isEqualTo("application/vnd.oci.image.layer.v1.tar+gzip");
    }

    @Test
    void multiArchIndex_listsEachPlatform() throws Exception {
        byte[] a = data.pushImage("team/multi", "amd", "amd layer".getBytes(StandardCharsets.UTF_8));
        byte[] b = data.pushImage("team/multi", "arm", "arm layer".getBytes(StandardCharsets.UTF_8));
        byte[] index = Manifests.index(Manifests.OCI_INDEX, a, b);
        assertThat(data.putManifest("team/multi", "all", Manifests.OCI_INDEX, index).statusCode()).isEqualTo(201);
        JsonNode tags = json(admin().get("/ui/api/repos/team/multi/-/tags"));
        JsonNode all = tags.path("tags").get(0);
        assertThat(all.path("tag").asText()).isEqualTo("all");
        assertThat(all.path("platforms").toString()).isEqualTo("[\"linux/arch0\",\"linux/arch1\"]");
    }

    @Test
    void search_isCaseInsensitiveSubstring_andPaginates() throws Exception {
        for (int i = 0; i < 7; i++) {
            data.pushImage("search/item-" + i, "t", ("s" + i).getBytes(StandardCharsets.UTF_8));
        }
        UiSession s = admin();
        JsonNode p1 = json(s.get("/ui/api/repositories?q=ITEM-&n=3"));
        assertThat(p1.path("total").asLong()).isEqualTo(7);
        assertThat(p1.path("repositories").findValuesAsText("name")).containsExactly("search/item-0", "search/item-1", "search/item-2");
        assertThat(p1.path("prev").isMissingNode()).as("no previous page").isTrue();
        JsonNode p2 = json(s.get("/ui/api/repositories?q=ITEM-&n=3&after=" + p1.path("next").asText()));
        assertThat(p2.path("repositories").findValuesAsText("name")).containsExactly("search/item-3", "search/item-4", "search/item-5");
        JsonNode back = json(s.get("/ui/api/repositories?q=ITEM-&n=3&before=" + p2.path("prev").asText()));
        assertThat(back.path("repositories").findValuesAsText("name")).containsExactly("search/item-0", "search/item-1", "search/item-2");
        assertThat(json(s.get("/ui/api/repositories?q=%25")).path("total").asLong()).as("wildcards are literal").isZero();
        String html = s.get("/ui/repositories?q=ITEM").body();
        assertThat(html).contains("search/item-6").doesNotContain("team/app");
    }

    @Test
    void everyPage_hasCspWithoutInlineScript() {
        UiSession s = admin();
        for (String path : new String[]{"/ui/", "/ui/repositories", "/ui/repos/team/app",
                "/ui/repos/team/app/-/manifests/1.0", "/ui/gc", "/ui/activity", "/ui/login"}) {
            HttpResponse<String> r = s.get(path);
            assertThat(r.headers().firstValue("Content-Security-Policy")).as(path).hasValueSatisfying(
                    csp -> assertThat(csp).contains("script-src 'self'").doesNotContain("unsafe-inline"));
            assertThat(r.body()).as(path).doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>")
                    .doesNotContain(" style=").doesNotContain(" onclick=");
        }
    }

    @Test
    void gc_startsThroughTheForm_withCsrf() throws Exception {
        UiSession s = admin();
        s.get("/ui/gc");
        assertThat(s.post("/ui/gc", "type=unreferenced_blobs_only&dryRun=true").statusCode()).isEqualTo(403);
        HttpResponse<String> r = s.post("/ui/gc", "csrf=" + s.csrf + "&registry=team&type=unreferenced_blobs_only&dryRun=true");
        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(server.gc.runs()).anyMatch(run -> "team".equals(run.registry()) && run.dryRun()
                && run.type() == dev.wharf.gc.GcControl.Type.UNREFERENCED_BLOBS_ONLY);
        assertThat(s.post("/ui/gc", "csrf=" + s.csrf + "&type=nonsense").body()).contains("Choose a mode");
        JsonNode runs = json(s.get("/ui/api/gc?registry=team"));
        assertThat(runs.path("runs").get(0).path("blobsDeleted").asLong()).isEqualTo(3);
    }

    @Test
    void gc_showsTheActiveRun_andRefusesASecondOne() throws Exception {
        UiSession s = admin();
        s.get("/ui/gc");
        server.gc.keepRunning(true);
        try {
            String start = "csrf=" + s.csrf + "&registry=other&type=untagged_manifests_only";
            assertThat(s.post("/ui/gc", start).statusCode()).isEqualTo(303);
            String page = s.get("/ui/gc?registry=other").body();
            assertThat(page).contains("id=\"gc-active\"").contains("running").contains("untagged_manifests_only");
            assertThat(s.post("/ui/gc", start).body()).contains("A run is already active");
            assertThat(s.send(s.request("/ui/api/gc").header("X-CSRF-Token", s.csrf)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("registry=other&type=untagged_manifests_only"))
                    .build()).statusCode()).isEqualTo(409);
            assertThat(json(s.get("/ui/api/gc?registry=other")).path("active").path("status").asText()).isEqualTo("running");
        } finally {
            server.gc.keepRunning(false);
        }
        assertThat(s.get("/ui/gc?registry=other").body()).contains("No run is active");
    }

    @Test
    void markupInLabelsAndAnnotations_isEscaped() throws Exception {
        String evil = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'&";
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Labels\":{\"<b>key</b>\":"
                + new ObjectMapper().writeValueAsString(evil) + "},\"Env\":[" + new ObjectMapper().writeValueAsString("X=" + evil)
                + "]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[]}}").getBytes(StandardCharsets.UTF_8);
        Digest c = data.pushBlob("team/xss", config);
        Digest l = data.pushBlob("team/xss", "xss layer".getBytes(StandardCharsets.UTF_8));
        String plain = new String(Manifests.ociManifest(c, config.length, l, 9), StandardCharsets.UTF_8);
        String manifest = plain.substring(0, plain.length() - 1) + ",\"annotations\":{\"org.example.note\":"
                + new ObjectMapper().writeValueAsString(evil) + "}}";
        var pushed = data.putManifest("team/xss", "t", Manifests.OCI_MANIFEST, manifest.getBytes(StandardCharsets.UTF_8));
        assertThat(pushed.statusCode()).as(RegistryClient.text(pushed)).isEqualTo(201);
        UiSession s = admin();
        String html = s.get("/ui/repos/team/xss/-/manifests/t").body();
        assertThat(html).doesNotContain("<script>alert").doesNotContain("<img src=x").doesNotContain("<b>key");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("&lt;b&gt;key&lt;/b&gt;");
        String search = s.get("/ui/repositories?q=" + UiSession.enc("\"><script>alert(3)</script>")).body();
        assertThat(search).doesNotContain("<script>alert(3)").contains("&lt;script&gt;alert(3)");
    }

    @Test
    void overview_showsTierAndQuotaBar_whenRegistriesHaveThem() throws Exception {
        RegistrySummaries derived = server.registries.get();
        server.registries.set(() -> java.util.List.of(new RegistrySummaries.RegistrySummary("team", "professional",
                1_500_000_000L, 5_000_000_000L, 12, java.time.Instant.parse("2026-01-02T03:04:05Z"))));
        try {
            String html = admin().get("/ui/").body();
            assertThat(html).contains("professional").contains("<meter min=\"0\" max=\"5000000000\" value=\"1500000000\"")
                    .contains("1.50 GB of 5.00 GB (30%)").contains("2026-01-02 03:04 UTC");
            JsonNode api = json(admin().get("/ui/api/registries"));
            assertThat(api.path("registries").get(0).path("quotaBytes").asLong()).isEqualTo(5_000_000_000L);
        } finally {
            server.registries.set(derived);
        }
        JsonNode derivedApi = json(admin().get("/ui/api/registries"));
        JsonNode team = derivedApi.path("registries").findParent("name");
        assertThat(derivedApi.toString()).contains("\"name\":\"team\"").contains("\"name\":\"other\"");
        assertThat(team.path("quotaBytes").isMissingNode()).as("no quota by default").isTrue();
    }

    @Test
    void referrers_areListedWithTheirArtifactType() throws Exception {
        byte[] subject = data.pushImage("team/signed", "1", "signed".getBytes(StandardCharsets.UTF_8));
        Digest empty = data.pushBlob("team/signed", "{}".getBytes(StandardCharsets.UTF_8));
        Digest sig = data.pushBlob("team/signed", "signature".getBytes(StandardCharsets.UTF_8));
        byte[] artifact = Manifests.artifact("application/vnd.dev.cosign.artifact.sig.v1+json", empty, sig, 9,
                Digest.sha256(subject), subject.length, Manifests.OCI_MANIFEST);
        assertThat(data.putManifest("team/signed", Digest.sha256(artifact).toString(), Manifests.OCI_MANIFEST, artifact)
                .statusCode()).isEqualTo(201);
        UiSession s = admin();
        JsonNode details = json(s.get("/ui/api/repos/team/signed/-/manifests/1"));
        assertThat(details.path("artifactType").isMissingNode()).as("an image is no artifact").isTrue();
        assertThat(details.path("referrers").get(0).path("artifactType").asText())
                .isEqualTo("application/vnd.dev.cosign.artifact.sig.v1+json");
        assertThat(details.path("referrers").get(0).path("digest").asText()).isEqualTo(Digest.sha256(artifact).toString());
        assertThat(s.get("/ui/repos/team/signed/-/manifests/1").body()).contains("application/vnd.dev.cosign.artifact.sig.v1+json");
        String sigPage = s.get("/ui/repos/team/signed/-/manifests/" + Digest.sha256(artifact)).body();
        assertThat(sigPage).contains("Artifact type").contains("Subject");
    }

    @Test
    void unknownPagesAndBadNames_answerCleanly() {
        UiSession s = admin();
        assertThat(s.get("/ui/nope").statusCode()).isEqualTo(404);
        assertThat(s.get("/ui/repos/no/such").statusCode()).isEqualTo(404);
        assertThat(s.get("/ui/repos/team/app/-/manifests/nosuchtag").statusCode()).isEqualTo(404);
        assertThat(s.get("/ui/repos/BAD%3Cname").statusCode()).isEqualTo(400);
        assertThat(s.get("/ui/static/../../etc/passwd").statusCode()).isEqualTo(404);
        assertThat(s.get("/ui/static/app.css").headers().firstValue("Content-Type")).hasValue("text/css; charset=utf-8");
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new ObjectMapper().readTree(r.body());
    }
}
