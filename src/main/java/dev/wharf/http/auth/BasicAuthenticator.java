package dev.wharf.http.auth;

import dev.wharf.auth.AccessPolicy;
import dev.wharf.auth.AuditLog;
import dev.wharf.auth.Action;
import dev.wharf.auth.CredentialCheck;
import dev.wharf.auth.CredentialVerifier;
import dev.wharf.auth.LoginAttempts;
import dev.wharf.auth.Principal;
import dev.wharf.oci.ErrorCode;
import dev.wharf.oci.OciException;
import org.eclipse.jetty.server.Request;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * HTTP Basic auth as registry:2's htpasswd mode does it, extended to Wharf accounts and tokens. The password goes
 * through the {@link CredentialCheck}: a throttled address gets 429 before its password is even checked.
 */
public final class BasicAuthenticator implements Authenticator {
    private final CredentialCheck logins;
    private final AccessPolicy policy;
    private final String realm;

    public BasicAuthenticator(CredentialVerifier credentials, AccessPolicy policy, LoginAttempts attempts, String realm) {
        this(new CredentialCheck(credentials, attempts, AuditLog.NONE), policy, realm);
    }

    /** {@code logins} checks, throttles and audits every presented password. */
    public BasicAuthenticator(CredentialCheck logins, AccessPolicy policy, String realm) {
        this.logins = logins;
        this.policy = policy;
        this.realm = realm;
    }

    @Override
    public Caller authenticate(Request request) {
        String header = request.getHeaders().get("Authorization");
        if (header == null || header.isBlank()) {
            return new PolicyCaller(Principal.ANONYMOUS, policy);
        }
        Optional<String[]> userPass = parse(header);
        return switch (logins.check(userPass.map(up -> up[0]).orElse(null), userPass.map(up -> up[1]).orElse(null),
                RemoteAddress.of(request), "v2")) {
            case CredentialCheck.Outcome.Accepted a -> new PolicyCaller(a.principal(), policy);
            case CredentialCheck.Outcome.Refused r -> throw Challenges.unauthorized(challengeHeader(), null, Set.of(), false);
            case CredentialCheck.Outcome.Throttled t -> throw throttled(t);
        };
    }

    @Override
    public OciException challenge(String repository, Set<Action> actions, boolean catalog) {
        return Challenges.unauthorized(challengeHeader(), repository, actions, catalog);
    }

    private String challengeHeader() {
        return Challenges.header("Basic", Challenges.params("realm", realm));
    }

    /** 429 in the OCI envelope, for the data plane and the token service. */
    static OciException throttled(CredentialCheck.Outcome.Throttled t) {
        long seconds = t.seconds();
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
