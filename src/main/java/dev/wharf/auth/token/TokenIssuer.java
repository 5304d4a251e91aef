package dev.wharf.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.wharf.auth.Principal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Signs the JWTs of Wharf's own token service: short-lived access tokens whose {@code access} claim says exactly
 * what was granted, and long-lived refresh tokens (audience {@code <service>} plus {@link #REFRESH_USE}) that only
 * the token endpoint accepts, and only while the account is still valid.
 */
public final class TokenIssuer {
    /** The {@code use} claim of refresh tokens; access-token verification refuses any token that carries one. */
    static final String REFRESH_USE = "refresh";
    static final String KIND = "wharf_kind";
    static final String TOKEN_ID = "wharf_tid";
    /** The account's access stamp when the token was issued (see {@code CredentialVerifier#accessStamp}). */
    static final String STAMP = "wharf_stamp";

    private final JWK key;
    private final JWSSigner signer;
    private final JWSAlgorithm algorithm;
    private final String issuer;
    private final String service;
    private final Duration ttl;
    private final Duration refreshTtl;
    private final Clock clock;

    public TokenIssuer(JWK key, String issuer, String service, Duration ttl, Duration refreshTtl, Clock clock) {
        this.key = key;
        this.issuer = issuer;
        this.service = service;
        this.ttl = ttl;
        this.refreshTtl = refreshTtl;
        this.clock = clock;
        try {
            if (key instanceof ECKey ec) {
                signer = new ECDSASigner(ec);
                algorithm = switch (ec.getCurve().getName()) {
                    case "P-384" -> JWSAlgorithm.ES384;
                    case "P-521" -> JWSAlgorithm.ES512;
                    default -> JWSAlgorithm.ES256;
                };
            } else {
                signer = new RSASSASigner((RSAKey) key);
                algorithm = JWSAlgorithm.RS256;
            }
        } catch (JOSEException e) {
            throw new IllegalArgumentException("unusable signing key: " + e.getMessage(), e);
        }
    }

    /** What {@link #issue} returns: the compact JWT, when it was issued and how long it lives. */
    public record Issued(String token, Instant issuedAt, Duration expiresIn) {
    }

    public String service() {
        return service;
    }

    public String issuer() {
        return issuer;
    }

    /** The public half of the signing key, for the verifier. */
    public JWK publicKey() {
        return key.toPublicJWK();
    }

    public Issued issue(Principal principal, List<Scope> granted) {
        return issue(principal, granted, null);
    }

    /** An access token that counts only while {@code stamp} (null: none) is the account's current access stamp. */
    public Issued issue(Principal principal, List<Scope> granted, String stamp) {
        Instant now = clock.instant();
        List<Map<String, Object>> access = new ArrayList<>();
        for (Scope s : granted) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("type", s.type());
            entry.put("name", s.name());
            entry.put("actions", s.actions().stream().sorted().toList());
            access.add(entry);
        }
        JWTClaimsSet.Builder b = base(principal, now, ttl).audience(service).claim("access", access);
        if (stamp != null) {
            b.claim(STAMP, stamp);
        }
        JWTClaimsSet claims = b.build();
        return new Issued(sign(claims), now, ttl);
    }

    /** A refresh token for {@code principal} (docker stores it as the login's identity token). */
    public String refreshToken(Principal principal) {
        return sign(base(principal, clock.instant(), refreshTtl).audience(service).claim("use", REFRESH_USE).build());
    }

    private JWTClaimsSet.Builder base(Principal principal, Instant now, Duration lifetime) {
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(principal.name())
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .jwtID(UUID.randomUUID().toString())
                .claim(KIND, principal.kind().name());
        if (principal.tokenId() != null) {
            b.claim(TOKEN_ID, principal.tokenId());
        }
        return b;
    }

    private String sign(JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT)
                .keyID(key.getKeyID()).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token", e);
        }
        return jwt.serialize();
    }
}
