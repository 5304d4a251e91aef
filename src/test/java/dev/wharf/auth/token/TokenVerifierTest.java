package dev.wharf.auth.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.wharf.auth.Principal;
import dev.wharf.testing.TestCerts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenVerifierTest {
    @TempDir
    Path dir;

    private final ECKey key = generate();
    private final TokenIssuer issuer = new TokenIssuer(key, "wharf", "svc", Duration.ofMinutes(5), Duration.ofDays(1),
            Clock.systemUTC());
    private final TokenVerifier verifier = new TokenVerifier(new TrustedKeys.OwnKey(key.toPublicJWK()), "wharf", "svc",
            Clock.systemUTC());
    private final Principal alice = new Principal("alice", Principal.Kind.USER, "tok-1");

    private static ECKey generate() {
        try {
            return new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JWTClaimsSet.Builder claims(String iss, String aud, Instant exp) {
        return new JWTClaimsSet.Builder().issuer(iss).audience(aud).subject("alice")
                .expirationTime(Date.from(exp)).issueTime(new Date()).notBeforeTime(Date.from(Instant.now().minusSeconds(5)))
                .claim("access", List.of(Map.of("type", "repository", "name", "team/app", "actions", List.of("pull"))));
    }

    private String signed(ECKey with, JWTClaimsSet claims) throws Exception {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(with.getKeyID()).build(), claims);
        jwt.sign(new ECDSASigner(with));
        return jwt.serialize();
    }

    @Test
    void issuedTokensVerifyWithTheirGrants() throws Exception {
        TokenIssuer.Issued t = issuer.issue(alice, List.of(new Scope("repository", "team/app", Set.of("pull", "push"))));
        VerifiedToken v = verifier.verifyAccess(t.token());
        assertThat(v.principal()).isEqualTo(alice);
        assertThat(v.granted("repository", "team/app")).containsExactlyInAnyOrder("pull", "push");
        assertThat(v.granted("repository", "team/other")).isEmpty();
        JWTClaimsSet c = SignedJWT.parse(t.token()).getJWTClaimsSet();
        assertThat(c.getIssuer()).isEqualTo("wharf");
        assertThat(c.getAudience()).containsExactly("svc");
        assertThat(c.getJWTID()).isNotBlank();
        assertThat(c.getNotBeforeTime()).isNotNull();
        assertThat(c.getExpirationTime().toInstant()).isEqualTo(c.getIssueTime().toInstant().plus(Duration.ofMinutes(5)));
    }

    @Test
    void refreshAndAccessTokensAreNotInterchangeable() throws Exception {
        String refresh = issuer.refreshToken(alice);
        assertThat(verifier.verifyRefresh(refresh)).isEqualTo(alice);
        assertThatThrownBy(() -> verifier.verifyAccess(refresh)).hasMessageContaining("refresh token");
        String access = issuer.issue(alice, List.of()).token();
        assertThatThrownBy(() -> verifier.verifyRefresh(access)).hasMessageContaining("not a refresh token");
    }

    @Test
    void refusesTamperedExpiredWrongAudienceWrongIssuerAndUnsignedTokens() throws Exception {
        String good = signed(key, claims("wharf", "svc", Instant.now().plusSeconds(300)).build());
        assertThat(verifier.verifyAccess(good).principal().name()).isEqualTo("alice");

        // payload swapped for one granting push, signature kept
        String[] parts = good.split("\\.");
        String forged = parts[0] + "." + Base64URL.encode(claims("wharf", "svc", Instant.now().plusSeconds(300))
                .claim("access", List.of(Map.of("type", "repository", "name", "team/app", "actions", List.of("push"))))
                .build().toString()).toString() + "." + parts[2];
        assertThatThrownBy(() -> verifier.verifyAccess(forged)).isInstanceOf(InvalidTokenException.class)
                .hasMessageContaining("signature");

        assertThatThrownBy(() -> verifier.verifyAccess(signed(key, claims("wharf", "svc",
                Instant.now().minus(Duration.ofHours(1))).build()))).hasMessageContaining("expired");
        assertThatThrownBy(() -> verifier.verifyAccess(signed(key, claims("wharf", "other",
                Instant.now().plusSeconds(300)).build()))).hasMessageContaining("audience");
        assertThatThrownBy(() -> verifier.verifyAccess(signed(key, claims("evil", "svc",
                Instant.now().plusSeconds(300)).build()))).hasMessageContaining("issuer");
        assertThatThrownBy(() -> verifier.verifyAccess(signed(generate(), claims("wharf", "svc",
                Instant.now().plusSeconds(300)).build()))).isInstanceOf(InvalidTokenException.class);

        String header = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)).toString();
        String none = header + "." + parts[1] + ".";
        assertThatThrownBy(() -> verifier.verifyAccess(none)).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> verifier.verifyAccess(header + "." + parts[1] + "." + parts[2]))
                .isInstanceOf(InvalidTokenException.class);

        // HS256 keyed with the public key's bytes: the classic algorithm-confusion forgery
        SignedJWT hs = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims("wharf", "svc",
                Instant.now().plusSeconds(300)).build());
        hs.sign(new MACSigner(key.toPublicJWK().toJSONString().repeat(2).getBytes(StandardCharsets.UTF_8)));
        assertThatThrownBy(() -> verifier.verifyAccess(hs.serialize())).hasMessageContaining("algorithm");

        assertThatThrownBy(() -> verifier.verifyAccess("not.a.jwt")).isInstanceOf(InvalidTokenException.class);
        assertThatThrownBy(() -> verifier.verifyAccess("")).isInstanceOf(InvalidTokenException.class);
    }

    @Test
    void certificateBundleTrustsChainsAndKeyIds() throws Exception {
        KeyPair caKeys = TestCerts.ec();
        TestCerts.Issued ca = TestCerts.certificate("token-ca", caKeys, null, true);
        TestCerts.Issued signer = TestCerts.certificate("token-signer", TestCerts.ec(), ca, false);
        Path bundleFile = Files.writeString(dir.resolve("bundle.pem"), TestCerts.pem(ca.certificate()));
        TokenVerifier external = new TokenVerifier(CertificateBundle.read(bundleFile), "auth.example", "registry",
                Clock.systemUTC());
        JWTClaimsSet c = claims("auth.example", "registry", Instant.now().plusSeconds(300)).build();

        SignedJWT viaChain = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256)
                .x509CertChain(List.of(Base64.encode(signer.certificate().getEncoded()))).build(), c);
        viaChain.sign(new ECDSASigner((ECPrivateKey) signer.keys().getPrivate()));
        VerifiedToken v = external.verifyAccess(viaChain.serialize());
        assertThat(v.principal()).isEqualTo(new Principal("alice", Principal.Kind.TOKEN, null));

        SignedJWT viaKid = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256)
                .keyID(CertificateBundle.libtrustKeyId(caKeys.getPublic())).build(), c);
        viaKid.sign(new ECDSASigner((ECPrivateKey) caKeys.getPrivate()));
        assertThat(external.verifyAccess(viaKid.serialize()).granted("repository", "team/app")).containsExactly("pull");
        assertThat(CertificateBundle.libtrustKeyId(caKeys.getPublic())).matches("([A-Z2-7]{4}:){11}[A-Z2-7]{4}");

        // a self-made chain that does not lead to the bundle
        TestCerts.Issued rogueCa = TestCerts.certificate("rogue", TestCerts.ec(), null, true);
        TestCerts.Issued rogue = TestCerts.certificate("token-signer", TestCerts.ec(), rogueCa, false);
        SignedJWT untrusted = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).x509CertChain(List.of(
                Base64.encode(rogue.certificate().getEncoded()), Base64.encode(rogueCa.certificate().getEncoded())))
                .build(), c);
        untrusted.sign(new ECDSASigner((ECPrivateKey) rogue.keys().getPrivate()));
        assertThatThrownBy(() -> external.verifyAccess(untrusted.serialize())).hasMessageContaining("root bundle");
    }

    @Test
    void rememberedTokensStillExpire() throws Exception {
        java.util.concurrent.atomic.AtomicReference<Instant> now = new java.util.concurrent.atomic.AtomicReference<>(
                Instant.now());
        Clock clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        TokenVerifier timed = new TokenVerifier(new TrustedKeys.OwnKey(key.toPublicJWK()), "wharf", "svc", clock);
        String t = issuer.issue(alice, List.of()).token();
        assertThat(timed.verifyAccess(t).principal()).isEqualTo(alice);
        assertThat(timed.verifyAccess(t).principal()).isEqualTo(alice);
        now.set(now.get().plus(Duration.ofMinutes(6)));
        assertThatThrownBy(() -> timed.verifyAccess(t)).hasMessageContaining("expired");
        assertThatThrownBy(() -> timed.verifyAccess(t)).hasMessageContaining("expired");
    }

    @Test
    void scopesParseLikeDocker() {
        assertThat(Scope.parse("repository:team/app:pull,push"))
                .isEqualTo(new Scope("repository", "team/app", Set.of("pull", "push")));
        assertThat(Scope.parse("repository(plugin):a/b:pull")).isEqualTo(new Scope("repository", "a/b", Set.of("pull")));
        assertThat(Scope.parse("repository:localhost:5000/a:pull").name()).isEqualTo("localhost:5000/a");
        assertThat(Scope.parse("registry:catalog:*")).isEqualTo(new Scope("registry", "catalog", Set.of("*")));
        assertThat(Scope.parse("garbage")).isNull();
        assertThat(Scope.parse("repository::pull")).isNull();
        assertThat(Scope.parseAll(List.of("repository:a:pull repository:b:push", "registry:catalog:*"))).hasSize(3);
    }

    @Test
    void signingKeyIsGeneratedOnceAndKept() throws Exception {
        Path file = dir.resolve("sub/token-signing-key.jwk");
        var first = SigningKeys.loadOrGenerate(file);
        var second = SigningKeys.loadOrGenerate(file);
        assertThat(second.getKeyID()).isEqualTo(first.getKeyID());
        assertThat(Files.getPosixFilePermissions(file)).hasSize(2);
        Files.writeString(file, "{\"kty\":\"oct\",\"k\":\"AAAA\"}");
        assertThatThrownBy(() -> SigningKeys.loadOrGenerate(file)).hasMessageContaining("private EC or RSA JWK");
    }
}
