package dev.wharf.http.auth;

import com.nimbusds.jose.jwk.JWK;
import dev.wharf.auth.AccessPolicy;
import dev.wharf.auth.AuditLog;
import dev.wharf.auth.ChainedVerifier;
import dev.wharf.auth.CredentialCheck;
import dev.wharf.auth.CredentialVerifier;
import dev.wharf.auth.LoginAttempts;
import dev.wharf.auth.htpasswd.HtpasswdVerifier;
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
 * Who the credentials belong to and what they may do are parameters, so any account store and policy plug in.
 *
 * @param authenticator the data plane's authenticator
 * @param tokenEndpoint {@code /auth/token}, or null when Wharf issues no tokens itself
 * @param credentials   whose passwords and tokens are accepted (sign-in to the UI and the management API too)
 * @param logins        the one check of presented secrets (throttled, audited) that every surface uses
 */
public record AuthAssembly(Authenticator authenticator, Handler tokenEndpoint, CredentialVerifier credentials,
                           CredentialCheck logins) {
    /** How long a docker login's refresh token lasts (it is refused earlier once the account is no longer valid). */
    static final Duration REFRESH_TTL = Duration.ofDays(30);
    static final String SIGNING_KEY_FILE = "token-signing-key.jwk";

    /**
     * The assembly for {@code config} where Wharf's own accounts ({@code accounts}) can log in, and so can the
     * htpasswd file's users when one is configured (the file is asked first, as registry:2 would).
     */
    public static AuthAssembly forConfig(WharfConfig config, CredentialVerifier accounts, AccessPolicy policy,
                                         LoginAttempts attempts, AuditLog audit) throws IOException {
        WharfConfig.Auth auth = config.auth();
        CredentialVerifier credentials = accounts;
        if (auth.htpasswd() != null) {
            try {
                credentials = new ChainedVerifier(new HtpasswdVerifier(auth.htpasswd().path()), accounts);
            } catch (IOException e) {
                throw new ConfigException("auth.htpasswd.path", "cannot read " + auth.htpasswd().path() + ": " + e);
            }
        }
        return create(config, config.storage().root(), credentials, policy, attempts, audit);
    }

    /** The assembly for the configured mode; {@code audit} records logins and failed logins. */
    public static AuthAssembly create(WharfConfig config, Path dataDir, CredentialVerifier credentials,
                                      AccessPolicy policy, LoginAttempts attempts, AuditLog audit) throws IOException {
        WharfConfig.Auth auth = config.auth();
        CredentialCheck logins = new CredentialCheck(credentials, attempts, audit);
        return switch (auth.mode()) {
            case NONE -> new AuthAssembly(new OpenAuthenticator(), null, credentials, logins);
            case HTPASSWD -> new AuthAssembly(new BasicAuthenticator(logins, policy,
                    auth.htpasswd() == null ? "wharf" : auth.htpasswd().realm()), null, credentials, logins);
            case TOKEN -> token(auth.token(), dataDir, logins, policy);
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
            return new AuthAssembly(new BearerAuthenticator(verifier, null, t.realm(), t.service()), null, credentials,
                    logins);
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
        return new AuthAssembly(new BearerAuthenticator(verifier, policy, t.realm(), t.service(), credentials), endpoint,
                credentials, logins);
    }
}
