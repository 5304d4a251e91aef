package dev.wharf.auth.accounts;

import dev.wharf.auth.AuditLog;
import dev.wharf.auth.RegistryRoles.Role;
import dev.wharf.meta.JdbcMetadataStore;
import dev.wharf.oci.Digest;
import dev.wharf.testing.AccountsRegistry;
import dev.wharf.testing.Manifests;
import dev.wharf.testing.RegistryClient;
import dev.wharf.testing.TestRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Data-plane events in the audit log, through a real server on loopback: the services record a manifest push and
 * every kind of delete with the caller's name and address (from the outbox, in the write's transaction); reads
 * and refused requests leave nothing.
 */
class DataPlaneAuditTest {
    @TempDir
    Path dir;

    @Test
    void wharfServer_recordsPushAndDeletes_ofAnOpenRegistry() throws Exception {
        try (TestRegistry registry = TestRegistry.start()) {
            RegistryClient client = registry.client();
            byte[] layer = "layer".getBytes(StandardCharsets.UTF_8);
            byte[] manifest = client.pushImage("team/app", "1.0", layer);
            Digest digest = Digest.sha256(manifest);
            assertThat(client.get("/v2/team/app/manifests/1.0").statusCode()).isEqualTo(200);
            assertThat(client.putManifest("team/app", "2.0", Manifests.OCI_MANIFEST,
                    Manifests.ociManifest(Digest.sha256(new byte[] {1}), 1, Digest.sha256(layer), layer.length))
                    .statusCode()).as("refused push").isGreaterThanOrEqualTo(400);
            assertThat(client.delete("/v2/team/app/manifests/1.0").statusCode()).isEqualTo(202);
            assertThat(client.delete("/v2/team/app/manifests/" + digest).statusCode()).isEqualTo(202);
            assertThat(client.delete("/v2/team/app/blobs/" + Digest.sha256(layer)).statusCode()).isEqualTo(202);
            assertThat(client.delete("/v2/team/app/blobs/" + Digest.sha256(layer)).statusCode()).as("gone")
                    .isEqualTo(404);

            List<AuditLog.Event> events = recent(registry.root().resolve("wharf.db"));
            assertThat(events).extracting(AuditLog.Event::action, AuditLog.Event::target, AuditLog.Event::detail)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("delete", "team/app@" + Digest.sha256(layer), "blob"),
                            org.assertj.core.groups.Tuple.tuple("delete", "team/app@" + digest, "manifest"),
                            org.assertj.core.groups.Tuple.tuple("delete", "team/app:1.0", "tag"),
                            org.assertj.core.groups.Tuple.tuple("push", "team/app:1.0", digest.toString()));
            assertThat(events).allSatisfy(e -> {
                assertThat(e.actor()).isEqualTo("anonymous");
                assertThat(e.address()).isEqualTo("127.0.0.1");
            });
        }
    }

    private static List<AuditLog.Event> recent(Path db) {
        try (JdbcMetadataStore store = JdbcMetadataStore.open("jdbc:sqlite:" + db, null, null)) {
            return AccountServices.create(store).audit().recent("team", 100);
        }
    }

    @Test
    void basicAuth_namesTheCaller_andRefusedRequestsLeaveNoTrace() throws Exception {
        try (AccountsRegistry registry = AccountsRegistry.start(dir)) {
            AccountServices accounts = registry.accounts();
            Actor op = new Actor("root", null);
            accounts.accounts().addUser(op, "writer", "writer password", false);
            accounts.accounts().addUser(op, "reader", "reader password", false);
            accounts.roleDirectory().grant(op, "team", "writer", Role.WRITER);
            accounts.roleDirectory().grant(op, "team", "reader", Role.READER);
            String pat = accounts.tokens().createPat(op, "writer", "ci", List.of(TokenScope.parse("team/*:pull,push")),
                    Set.of(), Duration.ofHours(1)).text();
            String patId = accounts.tokens().list("writer").getFirst().id();
            URI base = registry.uri();
            Pusher writer = new Pusher(base, "writer", "writer password");
            Pusher reader = new Pusher(base, "reader", "reader password");
            Pusher anonymous = new Pusher(base, null, null);
            Pusher token = new Pusher(base, "anything", pat);

            assertThat(writer.push("team/app", "1.0")).isEqualTo(201);
            assertThat(reader.push("team/app", "2.0")).isEqualTo(403);
            assertThat(anonymous.push("team/app", "3.0")).isEqualTo(401);
            assertThat(new Pusher(base, "writer", "wrong password").push("team/app", "4.0")).isEqualTo(401);
            assertThat(token.push("team/web", "5.0")).isEqualTo(201);
            assertThat(writer.send("DELETE", "/v2/team/app/manifests/1.0")).as("writers may not delete")
                    .isEqualTo(403);

            List<AuditLog.Event> events = accounts.audit().recent(null, 100);
            assertThat(events).extracting(AuditLog.Event::actor, AuditLog.Event::action, AuditLog.Event::target)
                    .startsWith(org.assertj.core.groups.Tuple.tuple("writer", "push", "team/web:5.0"),
                            org.assertj.core.groups.Tuple.tuple("writer", "push", "team/app:1.0"));
            assertThat(events.getFirst().detail()).endsWith("(token " + patId + ")");
            assertThat(events).filteredOn(e -> e.action().equals("push") || e.action().equals("delete")).hasSize(2);
            assertThat(events).allSatisfy(e -> assertThat(String.valueOf(e.detail())).doesNotContain(pat));
        }
    }

    /** Pushes one-layer images with (or without) Basic credentials. */
    public record Pusher(URI base, String user, String password) {
        private static final HttpClient HTTP = HttpClient.newHttpClient();

        public int push(String repo, String tag) throws Exception {
            byte[] layer = (repo + tag).getBytes(StandardCharsets.UTF_8);
            byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
            for (byte[] blob : List.of(layer, config)) {
                int status = send("POST", "/v2/" + repo + "/blobs/uploads/?digest=" + Digest.sha256(blob), blob, null);
                if (status != 201) {
                    return status;
                }
            }
            return send("PUT", "/v2/" + repo + "/manifests/" + tag, Manifests.ociManifest(Digest.sha256(config),
                    config.length, Digest.sha256(layer), layer.length), Manifests.OCI_MANIFEST);
        }

        public int send(String method, String path) throws Exception {
            return send(method, path, new byte[0], null);
        }

        int send(String method, String path, byte[] body, String contentType) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(body));
            if (user != null) {
                b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + password).getBytes(StandardCharsets.UTF_8)));
            }
            if (contentType != null) {
                b.header("Content-Type", contentType);
            }
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }
    }
}
