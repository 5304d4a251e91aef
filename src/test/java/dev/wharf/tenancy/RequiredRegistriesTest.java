package dev.wharf.tenancy;

import dev.wharf.testing.ApiClient;
import dev.wharf.testing.RegistryClient;
import dev.wharf.testing.TenancySeams;
import dev.wharf.testing.TestRegistry;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code WHARF_REGISTRIES_REQUIRED=true}: with no registry defined Wharf behaves as registry:2; once one exists,
 * pushes outside every registry are refused with DENIED naming the missing registry, and pulls are unaffected.
 */
class RequiredRegistriesTest {

    @Test
    void required_refusesPushesOutsideRegistriesOnceOneExists() throws Exception {
        TenancySeams seams = new TenancySeams().token("t", "ops");
        try (TestRegistry server = TestRegistry.start(c -> c.withRegistries(c.registries().withRequired(true)),
                seams.seams(false))) {
            RegistryClient data = server.client();
            data.pushImage("before/app", "1", "early".getBytes(StandardCharsets.UTF_8));
            ApiClient api = new ApiClient(server.apiUri(), "t");
            assertThat(api.post("/v2/registries", "{\"name\":\"team\"}").status()).isEqualTo(201);

            data.pushImage("team/app", "1", "inside".getBytes(StandardCharsets.UTF_8));
            HttpResponse<byte[]> outside = data.send(data.request("/v2/other/app/blobs/uploads/")
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
            assertThat(outside.statusCode()).isEqualTo(403);
            assertThat(RegistryClient.errorCode(outside)).isEqualTo("DENIED");
            assertThat(RegistryClient.text(outside)).contains("registry other does not exist");
            HttpResponse<byte[]> single = data.send(data.request("/v2/single/blobs/uploads/")
                    .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build());
            assertThat(single.statusCode()).isEqualTo(403);
            assertThat(RegistryClient.text(single)).contains("registry single does not exist");
            assertThat(data.get("/v2/before/app/manifests/1").statusCode()).isEqualTo(200);
        }
    }
}
