package dev.wharf.auth.token;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.wharf.auth.Principal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks bearer tokens: a signature by a trusted key with an asymmetric algorithm ({@code none} and HMAC are
 * refused), the configured issuer, the service among the audiences, not expired and already valid (30 s leeway
 * for clock skew). Access tokens and refresh tokens are told apart by the {@code use} claim, so neither is
 * accepted in place of the other. Access tokens that passed are remembered (by SHA-256, until they expire), so
 * the many requests of one push pay the signature check once.
 */
public final class TokenVerifier {
    private static final Duration LEEWAY = Duration.ofSeconds(30);
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384,
            JWSAlgorithm.ES512, JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512, JWSAlgorithm.PS256,
            JWSAlgorithm.PS384, JWSAlgorithm.PS512);

    private static final int REMEMBERED = 4096;

    private final TrustedKeys keys;
    private final Map<String, VerifiedToken> verified = Collections.synchronizedMap(
            new LinkedHashMap<>(256, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, VerifiedToken> eldest) {
                    return size() > REMEMBERED;
                }
            });
    private final String issuer;
    private final String service;
    private final Clock clock;

    public TokenVerifier(TrustedKeys keys, String issuer, String service, Clock clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.service = service;
        this.clock = clock;
    }

    /** An access token as presented on the data plane. */
    public VerifiedToken verifyAccess(String compact) throws InvalidTokenException {
        String key = fingerprint(compact);
        VerifiedToken known = verified.get(key);
        if (known != null) {
            if (!clock.instant().isAfter(known.expiresAt().plus(LEEWAY))) {
                return known;
            }
            verified.remove(key);
        }
        JWTClaimsSet claims = verified(compact);
        if (claims.getClaim("use") != null) {
            throw new InvalidTokenException("a refresh token is not an access token");
        }
        VerifiedToken token = new VerifiedToken(principal(claims), access(claims.getClaim("access")),
                claims.getExpirationTime().toInstant(),
                claims.getClaim(TokenIssuer.STAMP) instanceof String stamp ? stamp : null);
        // a token not yet valid (nbf within the leeway) is checked again next time rather than remembered
        if (claims.getNotBeforeTime() == null || !clock.instant().isBefore(claims.getNotBeforeTime().toInstant())) {
            verified.put(key, token);
        }
        return token;
    }

    private static String fingerprint(String compact) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(compact.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A refresh token as presented to the token endpoint; the caller still checks the account is valid. */
    public Principal verifyRefresh(String compact) throws InvalidTokenException {
        JWTClaimsSet claims = verified(compact);
        if (!TokenIssuer.REFRESH_USE.equals(claims.getClaim("use"))) {
            throw new InvalidTokenException("not a refresh token");
        }
        Principal p = principal(claims);
        if (p.isAnonymous()) {
            throw new InvalidTokenException("refresh token without a subject");
        }
        return p;
    }

    private JWTClaimsSet verified(String compact) throws InvalidTokenException {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(compact.strip());
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException | RuntimeException e) {
            throw new InvalidTokenException("malformed token: " + e.getMessage());
        }
        JWSAlgorithm alg = jwt.getHeader().getAlgorithm();
        if (!ALGORITHMS.contains(alg)) {
            throw new InvalidTokenException("algorithm " + alg + " is not accepted");
        }
        if (!signedByTrustedKey(jwt)) {
            throw new InvalidTokenException("signature does not verify with a trusted key");
        }
        if (!issuer.equals(claims.getIssuer())) {
            throw new InvalidTokenException("issuer " + claims.getIssuer() + " is not " + issuer);
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(service)) {
            throw new InvalidTokenException("audience " + claims.getAudience() + " does not include " + service);
        }
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null || now.isAfter(exp.toInstant().plus(LEEWAY))) {
            throw new InvalidTokenException("expired at " + (exp == null ? "(no exp)" : exp.toInstant()));
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.plus(LEEWAY).isBefore(nbf.toInstant())) {
            throw new InvalidTokenException("not valid before " + nbf.toInstant());
        }
        return claims;
    }

    private boolean signedByTrustedKey(SignedJWT jwt) throws InvalidTokenException {
        for (PublicKey key : keys.candidates(jwt.getHeader())) {
            try {
                JWSVerifier v = switch (key) {
                    case ECPublicKey ec when JWSAlgorithm.Family.EC.contains(jwt.getHeader().getAlgorithm()) ->
                            new ECDSAVerifier(ec);
                    case RSAPublicKey rsa when JWSAlgorithm.Family.RSA.contains(jwt.getHeader().getAlgorithm()) ->
                            new RSASSAVerifier(rsa);
                    default -> null;
                };
                if (v != null && jwt.verify(v)) {
                    return true;
                }
            } catch (JOSEException | RuntimeException e) {
                // a key of the wrong shape for this token: try the next one
            }
        }
        return false;
    }

    private static Principal principal(JWTClaimsSet claims) {
        String sub = claims.getSubject() == null ? "" : claims.getSubject();
        if (sub.isEmpty()) {
            return Principal.ANONYMOUS;
        }
        Principal.Kind kind = Principal.Kind.TOKEN;
        Object k = claims.getClaim(TokenIssuer.KIND);
        if (k instanceof String s) {
            try {
                kind = Principal.Kind.valueOf(s);
            } catch (IllegalArgumentException ignored) {
                // an unknown kind is a plain token subject
            }
        }
        if (kind == Principal.Kind.ANONYMOUS) {
            return Principal.ANONYMOUS;
        }
        Object tid = claims.getClaim(TokenIssuer.TOKEN_ID);
        return new Principal(sub, kind, tid instanceof String t ? t : null);
    }

    /** The {@code access} claim; malformed entries grant nothing. */
    private static List<Scope> access(Object claim) {
        List<Scope> out = new ArrayList<>();
        if (!(claim instanceof List<?> list)) {
            return out;
        }
        for (Object o : list) {
            if (o instanceof Map<?, ?> m && m.get("type") instanceof String type && m.get("name") instanceof String name
                    && m.get("actions") instanceof List<?> actions) {
                Set<String> a = new LinkedHashSet<>();
                for (Object action : actions) {
                    if (action instanceof String s) {
                        a.add(s);
                    }
                }
                out.add(new Scope(type, name, a));
            }
        }
        return out;
    }
}
