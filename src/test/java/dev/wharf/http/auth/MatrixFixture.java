package dev.wharf.http.auth;

import static dev.wharf.http.auth.AccessMatrix.APP;
import static dev.wharf.http.auth.AccessMatrix.OTHER_APP;
import static dev.wharf.http.auth.AccessMatrix.SRC;
import static dev.wharf.http.auth.AuthHttp.basic;
import static dev.wharf.http.auth.AuthHttp.bearer;
import static dev.wharf.http.auth.AuthHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import at.favre.lib.crypto.bcrypt.BCrypt;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.JWK;
import dev.wharf.auth.Principal;
import dev.wharf.auth.RegistryRoles.Role;
import dev.wharf.auth.accounts.AccountServices;
import dev.wharf.auth.accounts.Actor;
import dev.wharf.auth.accounts.TokenScope;
import dev.wharf.auth.token.Scope;
import dev.wharf.auth.token.TokenIssuer;
import dev.wharf.config.WharfConfig;
import dev.wharf.http.auth.AccessMatrix.Endpoint;
import dev.wharf.http.auth.AccessMatrix.Who;
import dev.wharf.oci.Digest;
import dev.wharf.testing.Manifests;
import dev.wharf.testing.TestRegistry;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real Wharf in one auth mode with the matrix's accounts and repositories, and how each caller of
 * {@link AccessMatrix} authenticates to it. Every request of a cell that changes something (deletes, uploads) works
 * on its own fresh target, prepared by an htpasswd user with full access, so cells do not depend on each other.
 */
final class MatrixFixture implements AutoCloseable {
    enum Mode { BASIC, TOKEN }

    static final String SERVICE = "wharf-matrix";
    static final String ISSUER = "wharf";
    static final String PASSWORD = "matrix-password";
    private static final String SEED = "seed";
    private static final Actor ACTOR = new Actor("matrix-test", null);
    /** Refused credentials count as failed logins per address; each address is used for fewer than the free ones. */
    private static final int USES_PER_BAD_ADDRESS = 4;

    final Mode mode;
    final TestRegistry registry;
    final AuthHttp http;
    private final AccountServices accounts;
    private final int addressBlock;
    private final AtomicInteger unique = new AtomicInteger();
    private final Map<Endpoint, String> revokedJwts = new EnumMap<>(Endpoint.class);
    private int badUses;
    private AuthHttp badHttp;
    private String robotSecret;
    private String livePat;
    private String expiredPat;
    private String revokedPat;
    Digest manifest;
    Digest layer;
    private Digest srcLayer;
    Digest otherManifest;
    Digest otherLayer;
    private Digest lastManifest;
    private Digest configDigest;
    private final Map<Digest, Integer> sizes = new java.util.HashMap<>();

    private MatrixFixture(Mode mode, TestRegistry registry, int addressBlock) {
        this.mode = mode;
        this.registry = registry;
        this.addressBlock = addressBlock;
        this.http = new AuthHttp(registry.uri(), "127.0.0.1");
        this.accounts = registry.accounts();
    }

    /** Starts a server in {@code mode}; refused requests come from 127.0.{addressBlock}.x. */
    static MatrixFixture start(Mode mode, int addressBlock) throws Exception {
        Path htpasswd = Files.createTempDirectory("wharf-matrix").resolve("htpasswd");
        Files.writeString(htpasswd, SEED + ":" + BCrypt.with(BCrypt.Version.VERSION_2Y).hashToString(4,
                PASSWORD.toCharArray()) + "\n");
        WharfConfig.Auth auth = mode == Mode.BASIC
                ? new WharfConfig.Auth(WharfConfig.Auth.Mode.HTPASSWD, new WharfConfig.Htpasswd("matrix", htpasswd),
                null, List.of())
                : new WharfConfig.Auth(WharfConfig.Auth.Mode.TOKEN, new WharfConfig.Htpasswd("matrix", htpasswd),
                new WharfConfig.Token(null, SERVICE, ISSUER, null, null, Duration.ofMinutes(5)), List.of());
        MatrixFixture f = new MatrixFixture(mode, TestRegistry.start(c -> c.withAuth(auth)), addressBlock);
        try {
            f.createAccounts();
            f.seed();
            f.spoilCredentials();
        } catch (Exception | AssertionError e) {
            f.close();
            throw e;
        }
        return f;
    }

    private void createAccounts() throws InterruptedException {
        for (String user : List.of("rita", "walt", "ada", "otto")) {
            accounts.accounts().addUser(ACTOR, user, PASSWORD, false);
        }
        accounts.roleDirectory().grant(ACTOR, "team", "rita", Role.READER);
        accounts.roleDirectory().grant(ACTOR, "team", "walt", Role.WRITER);
        accounts.roleDirectory().grant(ACTOR, "team", "ada", Role.ADMIN);
        accounts.roleDirectory().grant(ACTOR, "other", "otto", Role.ADMIN);
        robotSecret = accounts.accounts().createRobot(ACTOR, "bot", "pull-only", Map.of("team", Role.READER));
        List<TokenScope> all = List.of(TokenScope.parse("*:pull,push,delete"));
        livePat = accounts.tokens().createPat(ACTOR, "ada", "live", all, Set.of(), null).text();
        revokedPat = accounts.tokens().createPat(ACTOR, "ada", "revoked", all, Set.of(), null).text();
        expiredPat = accounts.tokens().createPat(ACTOR, "ada", "expired", all, Set.of(), Duration.ofMillis(1)).text();
        Thread.sleep(20); // the expiry above has passed
    }

    /** team/app:v1, team/src:v1 and other/app:v1, each a one-layer image of its own. */
    private void seed() {
        layer = pushImage(APP, "v1");
        manifest = lastManifest;
        srcLayer = pushImage(SRC, "v1");
        otherLayer = pushImage(OTHER_APP, "v1");
        otherManifest = lastManifest;
    }

    /**
     * Revokes ADMIN's "revoked" token after showing it worked: in token mode the JWTs each cell needs are obtained
     * with it first, so the matrix shows whether tokens issued before the revocation still count.
     */
    private void spoilCredentials() {
        String probe = "/v2/" + APP + "/tags/list";
        if (mode == Mode.BASIC) {
            assertThat(http.get(probe, basic("ada", livePat)).statusCode()).isEqualTo(200);
            assertThat(http.get(probe, basic("ada", revokedPat)).statusCode()).isEqualTo(200);
        } else {
            for (Endpoint e : Endpoint.values()) {
                revokedJwts.put(e, token(basic("ada", revokedPat), e.scopes));
            }
            assertThat(http.get(probe, bearer(revokedJwts.get(Endpoint.TAGS))).statusCode()).isEqualTo(200);
            assertThat(http.get(probe, bearer(token(basic("rita", PASSWORD), List.of(Endpoint.pull(APP)))))
                    .statusCode()).isEqualTo(200);
            Clock now = Clock.systemUTC();
            assertThat(http.get(probe, bearer(forgedJwt(List.of(Endpoint.pull(APP)), now))).statusCode())
                    .as("a token signed like the expired ones, but current").isEqualTo(200);
        }
        String id = accounts.tokens().list("ada").stream().filter(t -> "revoked".equals(t.name())).findFirst()
                .orElseThrow().id();
        accounts.tokens().revoke(ACTOR, id);
    }

    /** The Authorization header {@code who} sends to call {@code e} (null: none). */
    String authorization(Who who, Endpoint e) {
        if (who == Who.ANON) {
            return null;
        }
        String basic = switch (who) {
            case READER -> basic("rita", PASSWORD);
            case WRITER -> basic("walt", PASSWORD);
            case ADMIN -> basic("ada", PASSWORD);
            case OTHER -> basic("otto", PASSWORD);
            case ROBOT -> basic("bot", robotSecret);
            case EXPIRED -> basic("ada", expiredPat);
            case REVOKED -> basic("ada", revokedPat);
            case TAMPERED -> basic("ada", tamperPat(livePat));
            case ANON -> throw new IllegalStateException();
        };
        if (mode == Mode.BASIC) {
            return basic;
        }
        return bearer(switch (who) {
            case EXPIRED -> expiredJwt(e.scopes);
            case REVOKED -> revokedJwts.get(e);
            case TAMPERED -> widened(token(basic("rita", PASSWORD), e.scopes), e.scopes);
            default -> token(basic, e.scopes);
        });
    }

    /** The client {@code who} sends from: refused credentials rotate over addresses so throttling never answers. */
    AuthHttp client(Who who) {
        if (who != Who.EXPIRED && who != Who.REVOKED && who != Who.TAMPERED) {
            return http;
        }
        if (badHttp == null || badUses++ >= USES_PER_BAD_ADDRESS) {
            int n = unique.incrementAndGet();
            badHttp = new AuthHttp(registry.uri(), "127.0." + addressBlock + "." + (1 + n % 250));
            badUses = 1;
        }
        return badHttp;
    }

    /** A JWT from /auth/token for exactly {@code scopes}. */
    String token(String authorization, List<String> scopes) {
        StringBuilder q = new StringBuilder("/auth/token?service=" + SERVICE);
        scopes.forEach(s -> q.append("&scope=").append(s));
        HttpResponse<String> r = http.get(q.toString(), authorization);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r).get("token").asText();
    }

    /** A JWT granting all of {@code scopes} to ADMIN, signed with the server's own key, expired an hour ago. */
    private String expiredJwt(List<String> scopes) {
        return forgedJwt(scopes, Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC));
    }

    /**
     * A JWT granting all of {@code scopes} to ADMIN, signed with the server's own key as of {@code clock}, under
     * ADMIN's current access stamp (so only its time and scopes are wrong).
     */
    private String forgedJwt(List<String> scopes, Clock clock) {
        try {
            JWK key = JWK.parse(Files.readString(registry.root().resolve("token-signing-key.jwk")));
            Principal ada = new Principal("ada", Principal.Kind.USER, null);
            return new TokenIssuer(key, ISSUER, SERVICE, Duration.ofMinutes(5), Duration.ofMinutes(5), clock)
                    .issue(ada, Scope.parseAll(scopes), accounts.verifier().accessStamp(ada).orElseThrow()).token();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A real JWT whose payload now names ADMIN and grants everything asked for, with its original signature. */
    private static String widened(String jwt, List<String> scopes) {
        String[] parts = jwt.split("\\.");
        ObjectNode claims = (ObjectNode) AuthHttp.claims(jwt);
        claims.put("sub", "ada");
        ArrayNode access = claims.putArray("access");
        for (Scope s : Scope.parseAll(scopes)) {
            ObjectNode entry = access.addObject().put("type", s.type()).put("name", s.name());
            s.actions().forEach(entry.putArray("actions")::add);
        }
        String payload = Base64.getUrlEncoder().withoutPadding().encodeToString(claims.toString()
                .getBytes(StandardCharsets.UTF_8));
        return parts[0] + "." + payload + "." + parts[2];
    }

    /** The token text with one character of its secret (the end) changed. */
    private static String tamperPat(String pat) {
        char last = pat.charAt(pat.length() - 1);
        return pat.substring(0, pat.length() - 1) + (last == 'a' ? 'b' : 'a');
    }

    // --- the seeding user (htpasswd, full access) ---

    private String seedAuth(String... scopes) {
        return mode == Mode.BASIC ? basic(SEED, PASSWORD) : bearer(token(basic(SEED, PASSWORD), List.of(scopes)));
    }

    private String seedPush(String repo) {
        return seedAuth("repository:" + repo + ":pull,push,delete");
    }

    /** Pushes a one-layer image of unique content; returns the layer digest (the manifest is {@link #lastManifest}). */
    Digest pushImage(String repo, String tag) {
        String auth = seedPush(repo);
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"n\":" + unique.incrementAndGet() + "}")
                .getBytes(StandardCharsets.UTF_8);
        Digest layerDigest = pushBlob(repo, ("layer " + unique.incrementAndGet()).getBytes(StandardCharsets.UTF_8), auth);
        pushBlob(repo, config, auth);
        byte[] m = Manifests.ociManifest(Digest.sha256(config), config.length, layerDigest, blobSize(layerDigest));
        HttpResponse<String> r = http.send("PUT", "/v2/" + repo + "/manifests/" + tag, auth, Manifests.OCI_MANIFEST, m);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        lastManifest = Digest.sha256(m);
        return layerDigest;
    }

    private long blobSize(Digest d) {
        return sizes.get(d);
    }

    private Digest pushBlob(String repo, byte[] blob, String auth) {
        Digest d = Digest.sha256(blob);
        HttpResponse<String> r = http.send("POST", "/v2/" + repo + "/blobs/uploads/?digest=" + d, auth,
                "application/octet-stream", blob);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
        sizes.put(d, blob.length);
        return d;
    }

    /** A fresh blob in team/app that nothing refers to. */
    Digest freshBlob() {
        return pushBlob(APP, ("fresh " + unique.incrementAndGet()).getBytes(StandardCharsets.UTF_8), seedPush(APP));
    }

    /** A fresh manifest in team/app (tagged, so it is a real image); returns its digest. */
    Digest freshManifest() {
        pushImage(APP, "fresh-" + unique.incrementAndGet());
        return lastManifest;
    }

    /** A manifest body for team/app referring to blobs it holds. */
    byte[] manifestBody() {
        return Manifests.ociManifest(configOf(), sizes.get(configDigest), layer, blobSize(layer));
    }

    private Digest configOf() {
        if (configDigest == null) {
            byte[] config = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"put\":true}".getBytes(StandardCharsets.UTF_8);
            configDigest = pushBlob(APP, config, seedPush(APP));
        }
        return configDigest;
    }

    /** An upload session in team/app started by the writer; returns its path (with any query it came with). */
    String writerSession() {
        String auth = mode == Mode.BASIC ? basic("walt", PASSWORD)
                : bearer(token(basic("walt", PASSWORD), List.of(Endpoint.push(APP))));
        HttpResponse<String> r = http.send("POST", "/v2/" + APP + "/blobs/uploads/", auth, null, new byte[0]);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
        String location = r.headers().firstValue("Location").orElseThrow();
        URI u = URI.create(location);
        return u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
    }

    Digest srcLayer() {
        return srcLayer;
    }

    /** HEAD of a team/app manifest or blob by the seeding user: 200 while it exists, 404 once deleted. */
    int seedHead(String kind, Digest digest) {
        return http.send("HEAD", "/v2/" + APP + "/" + kind + "/" + digest, seedAuth(Endpoint.pull(APP)), null, null)
                .statusCode();
    }

    int nextUnique() {
        return unique.incrementAndGet();
    }

    @Override
    public void close() throws Exception {
        registry.close();
    }
}
