package dev.wharf.discovery.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Answers a registry's {@code 401} challenges. Requests start anonymous; a {@code Basic} challenge switches to the
 * configured credentials, a {@code Bearer} challenge fetches a token for the request's scope from the realm (with
 * the credentials, if any) and caches it until it expires.
 */
public final class Authorizer {
    /** Tokens are renewed this long before they expire, so a request never races the expiry. */
    static final Duration EXPIRY_MARGIN = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Retrier retrier;
    private final Credentials credentials;
    private final Clock clock;
    private final ConcurrentMap<String, Token> tokens = new ConcurrentHashMap<>();
    private final AtomicLong tokenRequests = new AtomicLong();
    private volatile boolean basic;

    public Authorizer(Retrier retrier, Credentials credentials, Clock clock) {
        this.retrier = retrier;
        this.credentials = credentials;
        this.clock = clock;
    }

    private record Token(String value, Instant renewAt) {
    }

    /** The {@code Authorization} value to send for {@code scope} now, if one is known. */
    public Optional<String> authorization(String scope) {
        if (basic) {
            return credentials.authorization();
        }
        Token t = tokens.get(scope);
        return t != null && clock.instant().isBefore(t.renewAt()) ? Optional.of("Bearer " + t.value()) : Optional.empty();
    }

    /** Number of token endpoint requests made so far. */
    public long tokenRequests() {
        return tokenRequests.get();
    }

    /**
     * Prepares to answer the challenge of {@code unauthorized} for {@code scope}; true when the request is worth
     * sending again. Throws when the registry wants credentials and none are configured.
     */
    public boolean answer(Response unauthorized, String scope) {
        List<Challenge> challenges = Challenge.parseAll(unauthorized.headers().allValues("WWW-Authenticate"));
        Optional<Challenge> bearer = challenges.stream().filter(c -> c.scheme().equals("bearer")).findFirst();
        if (bearer.isPresent() && bearer.get().param("realm").isPresent()) {
            tokens.put(scope, fetchToken(bearer.get(), scope));
            return true;
        }
        if (challenges.stream().anyMatch(c -> c.scheme().equals("basic"))) {
            if (credentials.basic().isEmpty()) {
                throw new CallFailedException("the registry requires Basic authentication and no username/password"
                        + " (or token) is configured", 401);
            }
            if (basic) {
                return false;
            }
            basic = true;
            return true;
        }
        return false;
    }

    private Token fetchToken(Challenge challenge, String scope) {
        String realm = challenge.param("realm").orElseThrow();
        StringBuilder q = new StringBuilder();
        challenge.param("service").ifPresent(s -> q.append("service=").append(enc(s)));
        String wanted = challenge.param("scope").orElse(scope);
        if (wanted != null && !wanted.isEmpty()) {
            q.append(q.isEmpty() ? "" : "&").append("scope=").append(enc(wanted));
        }
        URI uri;
        try {
            uri = URI.create(realm + (q.isEmpty() ? "" : (realm.contains("?") ? "&" : "?") + q));
        } catch (IllegalArgumentException e) {
            throw new CallFailedException("the registry's token realm is not a valid URL", 401);
        }
        tokenRequests.incrementAndGet();
        Instant asked = clock.instant();
        Response r = credentials.authorization()
                .map(a -> retrier.get(uri, "Authorization", a, "Accept", "application/json"))
                .orElseGet(() -> retrier.get(uri, "Accept", "application/json"));
        if (!r.ok()) {
            throw new CallFailedException("the token service at " + uri.getHost() + " refused a token for "
                    + wanted + ": HTTP " + r.status() + (credentials.any() ? " (check the credentials)" : ""),
                    r.status());
        }
        try {
            JsonNode body = JSON.readTree(r.body());
            String token = body.path("token").asText(body.path("access_token").asText(""));
            if (token.isEmpty()) {
                throw new CallFailedException("the token service at " + uri.getHost() + " answered without a token", 0);
            }
            long expiresIn = Math.max(60, body.path("expires_in").asLong(60));
            Instant issued = parseInstant(body.path("issued_at").asText(null)).orElse(asked);
            return new Token(token, issued.plusSeconds(expiresIn).minus(EXPIRY_MARGIN));
        } catch (IOException e) {
            throw new CallFailedException("the token service at " + uri.getHost() + " answered with invalid JSON", 0);
        }
    }

    private static Optional<Instant> parseInstant(String s) {
        try {
            return s == null ? Optional.empty() : Optional.of(Instant.parse(s));
        } catch (java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
