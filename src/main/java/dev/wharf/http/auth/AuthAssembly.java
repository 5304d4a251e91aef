package dev.wharf.http.auth;

import com.nimbusds.jose.jwk.JWK;
import dev.wharf.auth.AccessPolicy;
import dev.wharf.auth.CredentialCheck;
import dev.wharf.auth.CredentialVerifier;
import dev.wharf.auth.token.CertificateBundle;
import dev.wharf.auth.token.Grants;
import dev.wharf.auth.token.SigningKeys;
import dev.wharf.auth.token.TokenIssuer;
import dev.wharf.auth.token.TokenVerifier;
import dev.wharf.auth.token.TrustedKeys;
import dev.wharf.config.ConfigException;
import dev.wharf.config.WharfConfig;
import org.eclipse.jetty.server.Handler;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Builds the authentication of the data plane for the configured mode: none (open), htpasswd (HTTP Basic) or
 * token (Bearer JWTs, with Wharf's own token service at {@code /auth/token} unless an external one is trusted).
 * Whose credentials count and what they may do come from the composition root ({@link dev.wharf.app.Wharf}), so any
 * account store and policy plug in.
 *
 * @param authenticator the data plane's authenticator
 * @param tokenEndpoint {@code /auth/token}, or null when Wharf issues no tokens itself
 */
public record AuthAssembly(Authenticator authenticator, Handler tokenEndpoint) {
    /** How long a docker login's refresh token lasts (it is refused earlier once the account is no longer valid). */
    static final Duration REFRESH_TTL = Duration.ofDays(30);
    static final String SIGNING_KEY_FILE = "token-signing-key.jwk";

    /**
     * The assembly for the configured mode; {@code logins} is the one throttled, audited check of presented secrets,
     * {@code policy} what a caller may do. Token mode keeps its signing key under the data directory by default.
     */
    public static AuthAssembly create(WharfConfig config, CredentialCheck logins, AccessPolicy policy)
            throws IOException {
        WharfConfig.Auth auth = config.auth();
        return switch (auth.mode()) {
            case NONE -> new AuthAssembly(new OpenAuthenticator(), null);
            case HTPASSWD -> new AuthAssembly(new BasicAuthenticator(logins, policy,
                    auth.htpasswd() == null ? "wharf" : auth.htpasswd().realm()), null);
            case TOKEN -> token(auth.token(), config.storage().root(), logins, policy);
        };
    }

    private static AuthAssembly token(WharfConfig.Token t, Path dataDir, CredentialCheck logins, AccessPolicy policy)
            throws IOException {
        CredentialVerifier credentials = logins.verifier();
        Clock clock = Clock.systemUTC();
        if (t.rootCertBundle() != null) {
            CertificateBundle bundle;
            try {
                bundle = CertificateBundle.read(t.rootCertBundle());
            } catch (IOException e) {
                throw new ConfigException("auth.token.rootcertbundle", e.getMessage());
            }
            TokenVerifier verifier = new TokenVerifier(bundle, t.issuer(), t.service(), clock);
            return new AuthAssembly(new BearerAuthenticator(verifier, null, t.realm(), t.service()), null);
        }
        Path keyFile = t.signingKey() != null ? t.signingKey() : dataDir.resolve(SIGNING_KEY_FILE);
        JWK key;
        try {
            key = SigningKeys.loadOrGenerate(keyFile);
        } catch (IOException e) {
            throw new ConfigException("wharf.auth.token.signingkey", e.getMessage());
        }
        TokenIssuer issuer = new TokenIssuer(key, t.issuer(), t.service(), t.ttl(), REFRESH_TTL, clock);
        TokenVerifier verifier = new TokenVerifier(new TrustedKeys.OwnKey(key.toPublicJWK()), t.issuer(), t.service(), clock);
        TokenEndpoint endpoint = new TokenEndpoint(logins, new Grants(policy), issuer, verifier);
        return new AuthAssembly(new BearerAuthenticator(verifier, policy, t.realm(), t.service(), credentials),
                endpoint);
    }
}
