package dev.wharf.http.auth;

import static dev.wharf.http.auth.AccessMatrix.APP;
import static dev.wharf.http.auth.AccessMatrix.CATALOG;
import static dev.wharf.http.auth.AccessMatrix.EXPECTED;
import static dev.wharf.http.auth.AccessMatrix.OTHER_APP;
import static dev.wharf.http.auth.AccessMatrix.SRC;
import static dev.wharf.http.auth.AuthHttp.json;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.http.auth.AccessMatrix.Endpoint;
import dev.wharf.http.auth.AccessMatrix.Who;
import dev.wharf.http.auth.MatrixFixture.Mode;
import dev.wharf.oci.Digest;
import dev.wharf.testing.Manifests;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every data-plane endpoint against every kind of caller ({@link AccessMatrix} holds the expected table), on a real
 * Wharf in htpasswd mode (Basic credentials: passwords and personal access tokens) and in token mode (JWTs from
 * Wharf's own /auth/token). Each cell asserts the exact status, the error code and the challenge.
 */
class AccessMatrixTest {

    @ParameterizedTest
    @EnumSource(Mode.class)
    void everyEndpointAnswersEveryCallerAsTheTableSays(Mode mode) throws Exception {
        try (MatrixFixture f = MatrixFixture.start(mode, 10 + mode.ordinal())) {
            SoftAssertions soft = new SoftAssertions();
            for (Endpoint e : Endpoint.values()) {
                for (Who who : Who.values()) {
                    cell(f, soft, e, who);
                }
            }
            soft.assertAll();
        }
    }

    private static void cell(MatrixFixture f, SoftAssertions soft, Endpoint e, Who who) {
        int expected = EXPECTED.get(e).get(who);
        String auth = f.authorization(who, e);
        AuthHttp c = f.client(who);
        Digest target = null;
        String method = "GET";
        HttpResponse<String> r;
        switch (e) {
            case BASE -> r = c.get("/v2/", auth);
            case CATALOG -> r = c.get("/v2/_catalog", auth);
            case TAGS -> r = c.get("/v2/" + APP + "/tags/list", auth);
            case HEAD_MANIFEST_TAG -> r = c.send(method = "HEAD", "/v2/" + APP + "/manifests/v1", auth, null, null);
            case GET_MANIFEST_TAG -> r = c.get("/v2/" + APP + "/manifests/v1", auth);
            case HEAD_MANIFEST_DIGEST -> r = c.send(method = "HEAD", "/v2/" + APP + "/manifests/" + f.manifest, auth, null, null);
            case GET_MANIFEST_DIGEST -> r = c.get("/v2/" + APP + "/manifests/" + f.manifest, auth);
            case PUT_MANIFEST -> r = c.send("PUT", "/v2/" + APP + "/manifests/put-" + who.name().toLowerCase(), auth,
                    Manifests.OCI_MANIFEST, f.manifestBody());
            case DELETE_MANIFEST -> {
                target = f.freshManifest();
                r = c.send("DELETE", "/v2/" + APP + "/manifests/" + target, auth, null, null);
            }
            case HEAD_BLOB -> r = c.send(method = "HEAD", "/v2/" + APP + "/blobs/" + f.layer, auth, null, null);
            case GET_BLOB -> r = c.get("/v2/" + APP + "/blobs/" + f.layer, auth);
            case DELETE_BLOB -> {
                target = f.freshBlob();
                r = c.send("DELETE", "/v2/" + APP + "/blobs/" + target, auth, null, null);
            }
            case START_UPLOAD -> r = c.send("POST", "/v2/" + APP + "/blobs/uploads/", auth, null, new byte[0]);
            case MONOLITHIC_UPLOAD -> {
                byte[] blob = ("monolithic " + f.nextUnique()).getBytes(StandardCharsets.UTF_8);
                r = c.send("POST", "/v2/" + APP + "/blobs/uploads/?digest=" + Digest.sha256(blob), auth,
                        "application/octet-stream", blob);
            }
            case PATCH_UPLOAD -> r = c.send("PATCH", f.writerSession(), auth, "application/octet-stream",
                    ("chunk " + f.nextUnique()).getBytes(StandardCharsets.UTF_8));
            case PUT_UPLOAD -> {
                String session = f.writerSession();
                byte[] blob = ("session " + f.nextUnique()).getBytes(StandardCharsets.UTF_8);
                r = c.send("PUT", session + (session.contains("?") ? "&" : "?") + "digest=" + Digest.sha256(blob), auth,
                        "application/octet-stream", blob);
            }
            case GET_UPLOAD -> r = c.get(f.writerSession(), auth);
            case DELETE_UPLOAD -> r = c.send("DELETE", f.writerSession(), auth, null, null);
            case MOUNT -> r = c.send("POST", "/v2/" + APP + "/blobs/uploads/?mount=" + f.srcLayer() + "&from=" + SRC,
                    auth, null, new byte[0]);
            case MOUNT_UNREADABLE -> r = c.send("POST", "/v2/" + OTHER_APP + "/blobs/uploads/?mount=" + f.layer
                    + "&from=" + APP, auth, null, new byte[0]);
            case REFERRERS -> r = c.get("/v2/" + APP + "/referrers/" + f.manifest, auth);
            case FOREIGN_MANIFEST -> r = c.get("/v2/" + APP + "/manifests/" + f.otherManifest, auth);
            case FOREIGN_BLOB -> r = c.get("/v2/" + APP + "/blobs/" + f.otherLayer, auth);
            default -> throw new IllegalStateException("no request for " + e);
        }
        String label = f.mode + " " + e.request + " as " + who;
        soft.assertThat(r.statusCode()).as(label + " -> " + r.body()).isEqualTo(expected);
        if (r.statusCode() != expected) {
            return;
        }
        boolean head = method.equals("HEAD");
        String challenge = r.headers().firstValue("WWW-Authenticate").orElse(null);
        if (expected == 401) {
            checkChallenge(f, soft, e, who, label, challenge);
        } else {
            soft.assertThat(challenge).as(label + ": no challenge").isNull();
        }
        if (!head && (expected == 401 || expected == 403)) {
            soft.assertThat(json(r).at("/errors/0/code").asText()).as(label + ": error code")
                    .isEqualTo(expected == 401 ? "UNAUTHORIZED" : "DENIED");
        }
        if (expected == 404) {
            soft.assertThat(json(r).at("/errors/0/code").asText()).as(label + ": error code")
                    .isEqualTo(e == Endpoint.FOREIGN_BLOB ? "BLOB_UNKNOWN" : "MANIFEST_UNKNOWN");
        }
        checkSuccess(f, soft, e, who, label, r, target, expected);
    }

    private static void checkChallenge(MatrixFixture f, SoftAssertions soft, Endpoint e, Who who, String label,
                                       String challenge) {
        if (f.mode == Mode.BASIC) {
            soft.assertThat(challenge).as(label + ": challenge").isEqualTo("Basic realm=\"matrix\"");
            return;
        }
        soft.assertThat(challenge).as(label + ": challenge")
                .startsWith("Bearer realm=\"" + f.registry.uri() + "/auth/token\",service=\"" + MatrixFixture.SERVICE + "\"");
        if (e.scopes.isEmpty()) {
            soft.assertThat(challenge).as(label + ": no scope needed").doesNotContain("scope=");
        } else {
            soft.assertThat(challenge).as(label + ": the scope the request needs").contains("scope=\"" + e.scopes.get(0) + "\"");
        }
        if (who == Who.ANON) {
            soft.assertThat(challenge).as(label + ": no token, no error").doesNotContain("error=");
        } else {
            soft.assertThat(challenge).as(label + ": refused token").contains("error=\"invalid_token\"");
        }
    }

    private static void checkSuccess(MatrixFixture f, SoftAssertions soft, Endpoint e, Who who, String label,
                                     HttpResponse<String> r, Digest target, int expected) {
        switch (e) {
            case CATALOG -> {
                if (expected == 200) {
                    List<String> repos = new ArrayList<>();
                    for (JsonNode n : json(r).get("repositories")) {
                        repos.add(n.asText());
                    }
                    soft.assertThat(repos).as(label + ": catalog").isEqualTo(CATALOG.get(who));
                }
            }
            case GET_MANIFEST_TAG, GET_MANIFEST_DIGEST, HEAD_MANIFEST_TAG, HEAD_MANIFEST_DIGEST -> {
                if (expected == 200) {
                    soft.assertThat(r.headers().firstValue("Docker-Content-Digest")).as(label).contains(f.manifest.toString());
                }
            }
            case GET_BLOB -> {
                if (expected == 200) {
                    soft.assertThat(Digest.sha256(r.body().getBytes(StandardCharsets.UTF_8))).as(label).isEqualTo(f.layer);
                }
            }
            case DELETE_MANIFEST -> soft.assertThat(f.seedHead("manifests", target))
                    .as(label + ": the manifest " + (expected == 202 ? "is gone" : "is still there")).isEqualTo(expected == 202 ? 404 : 200);
            case DELETE_BLOB -> soft.assertThat(f.seedHead("blobs", target))
                    .as(label + ": the blob " + (expected == 202 ? "is gone" : "is still there")).isEqualTo(expected == 202 ? 404 : 200);
            case MOUNT -> {
                if (expected == 201) {
                    soft.assertThat(r.headers().firstValue("Location")).as(label + ": mounted")
                            .contains("/v2/" + APP + "/blobs/" + f.srcLayer());
                }
            }
            case MOUNT_UNREADABLE -> {
                if (expected == 202) {
                    soft.assertThat(r.headers().firstValue("Location").orElse("")).as(label + ": an upload, not a mount")
                            .contains("/v2/" + OTHER_APP + "/blobs/uploads/");
                }
            }
            default -> {
            }
        }
    }
}
