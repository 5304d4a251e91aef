package dev.wharf.http.auth;

import static dev.wharf.http.auth.AuthHttp.bearer;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.wharf.config.WharfConfig;
import dev.wharf.testing.TestCerts;
import dev.wharf.testing.TestRegistry;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Wharf trusting an external token server through a root certificate bundle, as registry:2 does. */
class ExternalTokenServerTest {
    static final String REALM = "https://auth.example.test/token";
    static TestRegistry registry;
    static AuthHttp http;
    static TestCerts.Issued signer;
    static TestCerts.Issued rogue;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createTempDirectory("wharf-external-token");
        TestCerts.Issued root = TestCerts.certificate("token-root", TestCerts.ec(), null, true);
        signer = TestCerts.certificate("token-signer", TestCerts.ec(), root, false);
        rogue = TestCerts.certificate("token-signer", TestCerts.ec(), null, false);
        Path bundle = Files.writeString(dir.resolve("root.pem"), TestCerts.pem(root.certificate()));
        registry = TestRegistry.start(c -> c.withAuth(new WharfConfig.Auth(WharfConfig.Auth.Mode.TOKEN, null,
                new WharfConfig.Token(REALM, "registry.test", "auth.test", bundle, null, Duration.ofMinutes(5)),
                List.of())));
        http = new AuthHttp(registry.uri(), "127.0.0.1");
    }

    @AfterAll
    static void stop() throws Exception {
        registry.close();
    }

    static String token(TestCerts.Issued by, String issuer, String audience, String repo, String... actions)
            throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject("ci-bot")
                .issueTime(new Date()).notBeforeTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(120)))
                .jwtID(UUID.randomUUID().toString())
                .claim("access", List.of(Map.of("type", "repository", "name", repo, "actions", List.of(actions))))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256)
                .x509CertChain(List.of(Base64.encode(by.certificate().getEncoded()))).build(), claims);
        jwt.sign(new ECDSASigner((ECPrivateKey) by.keys().getPrivate()));
        return jwt.serialize();
    }

    @Test
    void challengesPointAtTheExternalRealm() {
        HttpResponse<String> r = http.get("/v2/team/app/tags/list", null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"" + REALM
                + "\",service=\"registry.test\",scope=\"repository:team/app:pull\"");
        assertThat(http.get("/auth/token", null).statusCode()).isEqualTo(404);
    }

    @Test
    void tokensSignedByABundleCertificateAreHonouredForTheirScopeOnly() throws Exception {
        String pull = token(signer, "auth.test", "registry.test", "team/app", "pull");
        HttpResponse<String> tags = http.get("/v2/team/app/tags/list", bearer(pull));
        assertThat(tags.statusCode()).as(tags.body()).isEqualTo(404); // authorized; the repository is empty
        assertThat(AuthHttp.json(tags).at("/errors/0/code").asText()).isEqualTo("NAME_UNKNOWN");
        assertThat(http.send("POST", "/v2/team/app/blobs/uploads/", bearer(pull), null, new byte[0]).statusCode())
                .isEqualTo(403);
        String push = token(signer, "auth.test", "registry.test", "team/app", "pull", "push");
        assertThat(http.send("POST", "/v2/team/app/blobs/uploads/", bearer(push), null, new byte[0]).statusCode())
                .isEqualTo(202);
    }

    @Test
    void tokensFromOtherSignersIssuersOrAudiencesAreRefused() throws Exception {
        for (String bad : List.of(token(rogue, "auth.test", "registry.test", "team/app", "pull"),
                token(signer, "evil.test", "registry.test", "team/app", "pull"),
                token(signer, "auth.test", "other-registry", "team/app", "pull"))) {
            HttpResponse<String> r = http.get("/v2/team/app/tags/list", bearer(bad));
            assertThat(r.statusCode()).isEqualTo(401);
            assertThat(r.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_token\"");
        }
    }
}
