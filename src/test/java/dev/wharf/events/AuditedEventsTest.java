package dev.wharf.events;

import dev.wharf.auth.AuditLog;
import dev.wharf.config.WharfConfig;
import dev.wharf.gc.Glob;
import dev.wharf.gc.RetentionPolicy;
import dev.wharf.oci.Digest;
import dev.wharf.testing.ApiClient;
import dev.wharf.testing.Manifests;
import dev.wharf.testing.RegistryClient;
import dev.wharf.testing.TenancySeams;
import dev.wharf.testing.TestRegistry;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The services emit the events and the audit log records them, whichever surface asked: management-API deletes,
 * registry changes and garbage collection runs are audited with the caller and its address, and a push refused
 * inside its transaction leaves no event.
 */
class AuditedEventsTest {
    private static final String LOOPBACK = "127.0.0.1";

    @Test
    void managementApi_deletesRegistryChangesAndGc_areAudited_withActorAndAddress() throws Exception {
        TenancySeams seams = new TenancySeams().token("tok-ops", "ops");
        try (TestRegistry registry = TestRegistry.start(c -> c, seams.seams(false))) {
            ApiClient api = new ApiClient(registry.apiUri(), "tok-ops");
            RegistryClient data = registry.client();
            assertThat(api.post("/v2/registries", "{\"name\":\"evt\"}").status()).isEqualTo(201);
            data.pushImage("evt/app", "1.0", bytes("one"));
            Digest two = Digest.sha256(data.pushImage("evt/app", "2.0", bytes("two")));
            data.pushImage("evt/web", "1.0", bytes("web"));

            assertThat(api.delete("/v2/registries/evt/repositories/app/tags/1.0").status()).isEqualTo(204);
            assertThat(api.delete("/v2/registries/evt/repositories/app/digests/" + two).status()).isEqualTo(204);
            assertThat(api.delete("/v2/registries/evt/repositories/web").status()).isEqualTo(204);
            assertThat(api.post("/v2/registry/subscription", "{\"tier_slug\":\"professional\"}").status())
                    .isEqualTo(200);
            assertThat(api.post("/v2/registries/evt/garbage-collection", "{}").status()).isEqualTo(201);
            List<AuditLog.Event> events = awaitAction(registry, "evt", "gc_finish");
            assertThat(api.delete("/v2/registries/evt").status()).isEqualTo(204);
            events = registry.accounts().audit().recent("evt", 100);

            assertThat(events).filteredOn(e -> e.actor().equals("ops"))
                    .extracting(AuditLog.Event::action, AuditLog.Event::target, AuditLog.Event::address)
                    .containsExactly(
                            tuple("registry_delete", "evt", LOOPBACK),
                            tuple("gc_start", "evt", LOOPBACK),
                            tuple("registry_update", "evt", LOOPBACK),
                            tuple("delete", "evt/web", LOOPBACK),
                            tuple("delete", "evt/app@" + two, LOOPBACK),
                            tuple("delete", "evt/app:1.0", LOOPBACK),
                            tuple("registry_create", "evt", LOOPBACK));
            assertThat(events).filteredOn(e -> e.action().equals("gc_finish")).singleElement()
                    .satisfies(e -> {
                        assertThat(e.actor()).isEqualTo("system");
                        assertThat(e.detail()).startsWith("succeeded: ");
                    });
            assertThat(events).filteredOn(e -> e.action().equals("push")).extracting(AuditLog.Event::target)
                    .containsExactlyInAnyOrder("evt/app:1.0", "evt/app:2.0", "evt/web:1.0");
        }
    }

    @Test
    void pushesRefusedInsideTheirTransaction_recordNoEvent() throws Exception {
        try (TestRegistry registry = TestRegistry.start()) {
            registry.server().gcRules().putPolicy(new RetentionPolicy("imm", Glob.of("**"), null, null, null, null,
                    Glob.of("v*")));
            RegistryClient data = registry.client();
            Digest first = Digest.sha256(data.pushImage("imm/app", "v1", bytes("first")));
            byte[] other = data.pushImage("imm/app", "other", bytes("second"));
            var moved = data.putManifest("imm/app", "v1", Manifests.OCI_MANIFEST, other);
            assertThat(moved.statusCode()).as("an immutable tag does not move").isEqualTo(403);
            byte[] missing = Manifests.ociManifest(Digest.sha256(bytes("no config")), 9,
                    Digest.sha256(bytes("no layer")), 8);
            assertThat(data.putManifest("imm/app", "v2", Manifests.OCI_MANIFEST, missing).statusCode())
                    .as("a manifest whose blobs are missing").isEqualTo(400);
            assertThat(data.delete("/v2/imm/app/manifests/v1").statusCode()).as("nor is it deleted").isEqualTo(403);

            List<AuditLog.Event> events = registry.accounts().audit().recent("imm", 100);
            assertThat(events).extracting(AuditLog.Event::action, AuditLog.Event::target, AuditLog.Event::detail)
                    .containsExactly(
                            tuple("push", "imm/app:other", Digest.sha256(other).toString()),
                            tuple("push", "imm/app:v1", first.toString()));
        }
    }

    @Test
    void deletesDisabled_areRefusedByTheOneRule_onEverySurface_andLeaveNoEvent() throws Exception {
        TenancySeams seams = new TenancySeams().token("tok-keep", "keeper");
        try (TestRegistry registry = TestRegistry.start(c -> c.withStorage(
                new WharfConfig.Storage(c.storage().root(), false)), seams.seams(false))) {
            ApiClient api = new ApiClient(registry.apiUri(), "tok-keep");
            assertThat(api.post("/v2/registries", "{\"name\":\"keep\"}").status()).isEqualTo(201);
            RegistryClient data = registry.client();
            Digest digest = Digest.sha256(data.pushImage("keep/app", "1", bytes("kept")));

            var v2 = data.delete("/v2/keep/app/manifests/" + digest);
            assertThat(v2.statusCode()).isEqualTo(405);
            assertThat(RegistryClient.errorCode(v2)).isEqualTo("UNSUPPORTED");
            ApiClient.Res viaApi = api.delete("/v2/registries/keep/repositories/app/tags/1");
            assertThat(viaApi.status()).as(viaApi.toString()).isEqualTo(405);
            assertThat(viaApi.json().get("message").asText()).contains("deletes are disabled");
            assertThat(api.delete("/v2/registries/keep/repositories/app").status()).isEqualTo(405);

            assertThat(data.get("/v2/keep/app/manifests/1").statusCode()).isEqualTo(200);
            assertThat(registry.accounts().audit().recent("keep", 100)).extracting(AuditLog.Event::action)
                    .containsExactly("push", "registry_create");
        }
    }

    @Test
    void managementApi_tagDelete_obeysImmutableTags_likeTheDataPlane() throws Exception {
        TenancySeams seams = new TenancySeams().token("tok-imm", "imm-owner");
        try (TestRegistry registry = TestRegistry.start(c -> c, seams.seams(false))) {
            ApiClient api = new ApiClient(registry.apiUri(), "tok-imm");
            assertThat(api.post("/v2/registries", "{\"name\":\"fixed\"}").status()).isEqualTo(201);
            registry.server().gcRules().putPolicy(new RetentionPolicy("fixed", Glob.of("**"), null, null, null, null,
                    Glob.of("v*")));
            registry.client().pushImage("fixed/app", "v1", bytes("fixed"));

            ApiClient.Res refused = api.delete("/v2/registries/fixed/repositories/app/tags/v1");
            assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
            assertThat(refused.json().get("id").asText()).isEqualTo("forbidden");
            assertThat(registry.client().get("/v2/fixed/app/manifests/v1").statusCode()).isEqualTo(200);
            assertThat(registry.accounts().audit().recent("fixed", 100)).extracting(AuditLog.Event::action)
                    .doesNotContain("delete");
        }
    }

    /** The registry's audit once {@code action} is in it (the collector runs in the background), newest first. */
    private static List<AuditLog.Event> awaitAction(TestRegistry registry, String name, String action)
            throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            List<AuditLog.Event> events = registry.accounts().audit().recent(name, 100);
            if (events.stream().anyMatch(e -> e.action().equals(action))) {
                return events;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(action + " never reached the audit log of " + name);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
