package dev.wharf.http.ui;

import dev.wharf.config.WharfConfig;
import dev.wharf.testing.TestRegistry;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The UI as WharfServer wires it without auth: open to everyone, deletes only where the server allows them. */
class UiOpenServerTest {

    @Test
    void openServer_needsNoSignIn_butStillNeedsCsrfToDelete() throws Exception {
        try (TestRegistry registry = TestRegistry.start()) {
            registry.client().pushImage("open/app", "1", "open".getBytes(StandardCharsets.UTF_8));
            UiSession s = new UiSession(registry.uri());
            assertThat(s.get("/ui").statusCode()).isEqualTo(303);
            HttpResponse<String> overview = s.get("/ui/");
            assertThat(overview.statusCode()).isEqualTo(200);
            assertThat(overview.body()).contains("data-registry=\"open\"").doesNotContain("Sign out");
            assertThat(s.get("/ui/login").statusCode()).as("nothing to sign in to").isEqualTo(303);
            assertThat(s.get("/api/repos").body()).contains("\"open/app\"");
            assertThat(s.get("/ui/repos/open/app").body()).contains("class=\"danger small delete\"");
            assertThat(s.delete("/ui/api/repos/open/app/-/manifests/1", null).statusCode()).isEqualTo(403);
            assertThat(s.delete("/ui/api/repos/open/app/-/manifests/1", s.csrf).statusCode()).isEqualTo(204);
            assertThat(registry.client().get("/v2/open/app/manifests/1").statusCode()).isEqualTo(404);
            assertThat(s.get("/ui/gc").body()).as("the collector is wired").contains("Start a run")
                    .doesNotContain("not available");
            assertThat(s.get("/ui/activity").body()).as("the audit log is wired").doesNotContain("not available")
                    .contains("open/app");
            assertThat(s.get("/ui/api/gc").statusCode()).isEqualTo(200);
            assertThat(s.get("/v2/").statusCode()).as("the data plane still answers").isEqualTo(200);
            HttpResponse<String> api = s.get("/api/v2/registry");
            assertThat(api.statusCode()).as("the management API's, not the UI's: it wants a token").isEqualTo(401);
            assertThat(api.body()).contains("\"request_id\"");
        }
    }

    @Test
    void deletesDisabled_hideDeleteButtons_andRefuseDeletes() throws Exception {
        try (TestRegistry registry = TestRegistry.start(c -> c.withStorage(
                new WharfConfig.Storage(c.storage().root(), false)))) {
            registry.client().pushImage("open/keep", "1", "keep".getBytes(StandardCharsets.UTF_8));
            UiSession s = new UiSession(registry.uri());
            assertThat(s.get("/ui/repos/open/keep").body()).doesNotContain("class=\"danger small delete\"");
            assertThat(s.delete("/ui/api/repos/open/keep/-/manifests/1", s.csrf).statusCode()).isEqualTo(405);
            assertThat(registry.client().get("/v2/open/keep/manifests/1").statusCode()).isEqualTo(200);
        }
    }
}
