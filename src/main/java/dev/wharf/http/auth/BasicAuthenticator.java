package dev.wharf.http.auth;

import dev.wharf.auth.AccessPolicy;
import dev.wharf.auth.AuditLog;
import dev.wharf.auth.Action;
import dev.wharf.auth.CredentialVerifier;
import dev.wharf.auth.LoginAttempts;
import dev.wharf.auth.Principal;
import dev.wharf.oci.ErrorCode;
import dev.wharf.oci.OciException;
import org.eclipse.jetty.server.Request;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * HTTP Basic auth as registry:2's htpasswd mode does it, extended to Wharf accounts and tokens. Failed attempts
 * count against the client's address; a throttled address gets 429 before its password is even checked.
 */
public final class BasicAuthenticator implements Authenticator {
    private final CredentialVerifier credentials;
    private final AccessPolicy policy;
    private final LoginAttempts attempts;
    private final String realm;
    private final LoginAudit audit;

    public BasicAuthenticator(CredentialVerifier credentials, AccessPolicy policy, LoginAttempts attempts, String realm) {
        this(credentials, policy, attempts, realm, AuditLog.NONE);
    }

    /** {@code audit} records logins and failed logins with the client's address. */
    public BasicAuthenticator(CredentialVerifier credentials, AccessPolicy policy, LoginAttempts attempts, String realm,
                              AuditLog audit) {
        this.credentials = credentials;
        this.policy = policy;
        this.attempts = attempts;
        this.realm = realm;
        this.audit = new LoginAudit(audit);
    }

    @Override
    public Caller authenticate(Request request) {
        String header = request.getHeaders().get("Authorization");
        if (header == null || header.isBlank()) {
            return new PolicyCaller(Principal.ANONYMOUS, policy);
        }
        String address = RemoteAddress.of(request);
        Optional<Duration> wait = attempts.blocked(address);
        if (wait.isPresent()) {
            throw throttled(wait.get());
        }
        Optional<String[]> userPass = parse(header);
        Optional<Principal> principal = userPass.flatMap(up -> credentials.verify(up[0], up[1]));
        if (principal.isEmpty()) {
            attempts.failed(address);
            audit.failed(userPass.map(up -> up[0]).orElse(null), address);
            throw Challenges.unauthorized(challengeHeader(), null, Set.of(), false);
        }
        attempts.succeeded(address);
        audit.succeeded(principal.get(), address);
        return new PolicyCaller(principal.get(), policy);
    }

    @Override
    public OciException challenge(String repository, Set<Action> actions, boolean catalog) {
        return Challenges.unauthorized(challengeHeader(), repository, actions, catalog);
    }

    private String challengeHeader() {
        return Challenges.header("Basic", Challenges.params("realm", realm));
    }

    static OciException throttled(Duration wait) {
        long seconds = Math.max(1, wait.toSeconds());
        return ErrorCode.TOOMANYREQUESTS.exception("too many failed logins from this address; retry later",
                Map.of("retryAfterSeconds", seconds)).withHeaders(Map.of("Retry-After", String.valueOf(seconds)));
    }

    /** {@code Basic base64(user:password)}; empty when malformed. */
    static Optional<String[]> parse(String header) {
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty()
                    : Optional.of(new String[]{decoded.substring(0, colon), decoded.substring(colon + 1)});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
