package dev.wharf.http.ui;

import dev.wharf.testing.ApiClient;
import dev.wharf.testing.TenancySeams;
import dev.wharf.testing.TestRegistry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The overview shows a defined registry's tier and its exact usage against its quota, as quotas count it. */
class UiTenancyOverviewTest {

    @Test
    void definedRegistry_showsTierAndExactUsageAgainstItsQuota() throws Exception {
        TenancySeams seams = new TenancySeams().token("t", "ops");
        try (TestRegistry registry = TestRegistry.start(c -> c, seams.seams(false))) {
            ApiClient api = new ApiClient(registry.apiUri(), "t");
            assertThat(api.post("/v2/registries", "{\"name\":\"ops\",\"subscription_tier_slug\":\"basic\"}").status())
                    .isEqualTo(201);
            byte[] layer = "a layer both repositories share".getBytes(StandardCharsets.UTF_8);
            registry.client().pushImage("ops/app", "1", layer);
            registry.client().pushImage("ops/web", "1", layer);
            registry.client().pushImage("loose", "1", "outside every registry".getBytes(StandardCharsets.UTF_8));
            long used = api.get("/v2/registries/ops").json().get("registry").get("storage_usage_bytes").asLong();
            assertThat(used).as("the shared layer and config count once").isPositive();

            String page = new UiSession(registry.uri()).get("/ui/").body();
            String ops = page.substring(page.indexOf("data-registry=\"ops\""), page.indexOf("</li>",
                    page.indexOf("data-registry=\"ops\"")));
            assertThat(ops).contains("class=\"tier\">Basic<", "class=\"repo-count\">2<",
                    "max=\"" + (5L << 30) + "\"", "value=\"" + used + "\"");
            assertThat(page).as("names outside every registry are still listed").contains("data-registry=\"loose\"");
        }
    }
}
