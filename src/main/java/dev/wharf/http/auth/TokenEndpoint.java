package dev.wharf.http.auth;

import dev.wharf.auth.AuditLog;
import dev.wharf.auth.CredentialCheck;
import dev.wharf.auth.CredentialVerifier;
import dev.wharf.auth.LoginAttempts;
import dev.wharf.auth.Principal;
import dev.wharf.auth.token.Grants;
import dev.wharf.auth.token.InvalidTokenException;
import dev.wharf.auth.token.Scope;
import dev.wharf.auth.token.TokenIssuer;
import dev.wharf.auth.token.TokenVerifier;
import dev.wharf.http.reply.ErrorEnvelope;
import dev.wharf.http.reply.Json;
import dev.wharf.http.reply.Reply;
import dev.wharf.http.reply.ReplyWriter;
import dev.wharf.oci.ErrorCode;
import dev.wharf.oci.OciException;
import org.eclipse.jetty.server.FormFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Wharf's Docker token service at {@code /auth/token}. {@code GET} with {@code service}, repeatable {@code scope}
 * and {@code account}, authenticated by Basic credentials (or a refresh token as Bearer), anonymous otherwise;
 * {@code POST} with the OAuth2 form docker login sends ({@code grant_type=password|refresh_token}). Each token
 * grants the intersection of what was asked and what the policy allows. Failed logins are throttled per address.
 */
public final class TokenEndpoint extends Handler.Abstract {
    public static final String PATH = "/auth/token";
    private static final Logger log = LoggerFactory.getLogger(TokenEndpoint.class);

    private final CredentialVerifier credentials;
    private final CredentialCheck logins;
    private final Grants grants;
    private final TokenIssuer issuer;
    private final TokenVerifier verifier;

    public TokenEndpoint(CredentialVerifier credentials, Grants grants, TokenIssuer issuer, TokenVerifier verifier,
                         LoginAttempts attempts) {
        this(new CredentialCheck(credentials, attempts, AuditLog.NONE), grants, issuer, verifier);
    }

    /** {@code logins} checks, throttles and audits every presented password. */
    public TokenEndpoint(CredentialCheck logins, Grants grants, TokenIssuer issuer, TokenVerifier verifier) {
        this.logins = logins;
        this.credentials = logins.verifier();
        this.grants = grants;
        this.issuer = issuer;
        this.verifier = verifier;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!PATH.equals(request.getHttpURI().getPath())) {
            return false;
        }
        Reply reply;
        try {
            reply = switch (request.getMethod()) {
                case "GET" -> get(request);
                case "POST" -> post(request);
                default -> throw ErrorCode.UNSUPPORTED.exception("use GET or POST on " + PATH);
            };
        } catch (OciException e) {
            reply = ErrorEnvelope.of(e);
        } catch (RuntimeException e) {
            log.error("token request failed", e);
            reply = ErrorEnvelope.internal();
        }
        reply.header("Cache-Control", "no-store").header("Pragma", "no-cache");
        ReplyWriter.write(request, response, callback, reply);
        return true;
    }

    private Reply get(Request request) {
        Fields query = Request.extractQueryParameters(request);
        checkService(query.getValue("service"));
        String header = request.getHeaders().get("Authorization");
        Principal principal;
        boolean refreshed = false;
        if (header == null || header.isBlank()) {
            principal = Principal.ANONYMOUS;
        } else if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            principal = refresh(header.substring(7));
            refreshed = true;
        } else {
            Optional<String[]> userPass = BasicAuthenticator.parse(header);
            principal = login(request, userPass.map(up -> up[0]).orElse(null), userPass.map(up -> up[1]).orElse(null));
        }
        String account = query.getValue("account");
        if (account != null && !account.isEmpty() && !principal.isAnonymous() && !account.equals(principal.name())) {
            throw unauthorized("account " + account + " does not match the credentials");
        }
        boolean offline = "true".equalsIgnoreCase(query.getValue("offline_token"));
        return token(principal, query.getValues("scope"), offline && !refreshed && !principal.isAnonymous());
    }

    private Reply post(Request request) {
        Fields form;
        try {
            form = FormFields.getFields(request);
        } catch (RuntimeException e) {
            throw ErrorCode.UNSUPPORTED.exception("expected an application/x-www-form-urlencoded body").withStatus(400);
        }
        checkService(form.getValue("service"));
        String grant = form.getValue("grant_type");
        Principal principal;
        boolean offline = false;
        if ("password".equals(grant)) {
            principal = login(request, form.getValue("username"), form.getValue("password"));
            offline = "offline".equals(form.getValue("access_type"));
        } else if ("refresh_token".equals(grant)) {
            String refresh = form.getValue("refresh_token");
            if (refresh == null || refresh.isBlank()) {
                throw unauthorized("refresh_token is required");
            }
            principal = refresh(refresh);
        } else {
            throw ErrorCode.UNSUPPORTED.exception("grant_type must be password or refresh_token").withStatus(400);
        }
        return token(principal, form.getValues("scope"), offline);
    }

    private Reply token(Principal principal, List<String> scopes, boolean withRefreshToken) {
        // the stamp is read before the grants, so a change in between ends the token instead of slipping past it
        String stamp = null;
        if (!principal.isAnonymous()) {
            stamp = credentials.accessStamp(principal).orElseThrow(() -> unauthorized("the account is no longer valid"));
        }
        List<Scope> granted = grants.grant(principal, Scope.parseAll(scopes == null ? List.of() : scopes));
        TokenIssuer.Issued t = issuer.issue(principal, granted, stamp);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token", t.token());
        body.put("access_token", t.token());
        body.put("expires_in", t.expiresIn().toSeconds());
        body.put("issued_at", t.issuedAt().toString());
        if (withRefreshToken) {
            body.put("refresh_token", issuer.refreshToken(principal));
        }
        return Reply.bytes(200, "application/json", Json.bytes(body));
    }

    /** Checks a username and password through the {@link CredentialCheck}: 429 while throttled, 401 when wrong. */
    private Principal login(Request request, String username, String password) {
        return switch (logins.check(username, password, RemoteAddress.of(request), "token")) {
            case CredentialCheck.Outcome.Accepted a -> a.principal();
            case CredentialCheck.Outcome.Refused r -> throw unauthorized("invalid username or password");
            case CredentialCheck.Outcome.Throttled t -> throw BasicAuthenticator.throttled(t);
        };
    }

    private Principal refresh(String token) {
        Principal p;
        try {
            p = verifier.verifyRefresh(token);
        } catch (InvalidTokenException e) {
            log.debug("refresh token refused: {}", e.getMessage());
            throw unauthorized("invalid refresh token");
        }
        if (!credentials.stillValid(p)) {
            throw unauthorized("the account of this refresh token is no longer valid");
        }
        return p;
    }

    private void checkService(String service) {
        if (service != null && !service.isEmpty() && !service.equals(issuer.service())) {
            throw ErrorCode.DENIED.exception("this token service issues tokens for service " + issuer.service(),
                    Map.of("service", service)).withStatus(400);
        }
    }

    private OciException unauthorized(String message) {
        return ErrorCode.UNAUTHORIZED.exception(message, Set.of()).withHeaders(Map.of("WWW-Authenticate",
                Challenges.header("Basic", Challenges.params("realm", issuer.service()))));
    }
}
