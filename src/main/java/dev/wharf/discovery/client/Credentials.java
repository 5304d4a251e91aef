package dev.wharf.discovery.client;

import dev.wharf.discovery.config.ProviderConfig;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * What to authenticate with, derived from a provider's username, password and token by registry type:
 * a password always pairs with the username; a token alone becomes the password of the user the registry expects
 * (ECR {@code AWS}, GCR {@code oauth2accesstoken}, ACR the null GUID, GHCR any name). An ECR authorization token
 * that is already {@code base64(AWS:…)} is used as it is. A token alone on a private registry is sent as Bearer.
 */
public record Credentials(Optional<String> basic, Optional<String> bearer) {

    public static final Credentials NONE = new Credentials(Optional.empty(), Optional.empty());

    public static Credentials of(ProviderConfig p) {
        if (p.password() != null) {
            return basic(p.username() == null ? "" : p.username(), p.password());
        }
        String token = p.token();
        if (token == null) {
            return NONE;
        }
        return switch (p.registryType()) {
            case ECR -> isEcrAuthorizationToken(token)
                    ? new Credentials(Optional.of(token), Optional.empty()) : basic("AWS", token);
            case GCR -> basic(orElse(p.username(), "oauth2accesstoken"), token);
            case ACR -> basic(orElse(p.username(), "00000000-0000-0000-0000-000000000000"), token);
            case GHCR -> basic(orElse(p.username(), "token"), token);
            case DOCKER_HUB -> p.username() != null ? basic(p.username(), token)
                    : new Credentials(Optional.empty(), Optional.of(token));
            case PRIVATE -> p.username() != null ? basic(p.username(), token)
                    : new Credentials(Optional.empty(), Optional.of(token));
        };
    }

    public boolean any() {
        return basic.isPresent() || bearer.isPresent();
    }

    /** The {@code Authorization} value to present to a Basic challenge or a token endpoint, if any. */
    public Optional<String> authorization() {
        return basic.map(b -> "Basic " + b).or(() -> bearer.map(t -> "Bearer " + t));
    }

    private static Credentials basic(String user, String password) {
        String encoded = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new Credentials(Optional.of(encoded), Optional.empty());
    }

    private static boolean isEcrAuthorizationToken(String token) {
        try {
            return new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8).startsWith("AWS:");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String orElse(String v, String dflt) {
        return v == null ? dflt : v;
    }

    @Override
    public String toString() {
        return "Credentials[" + (basic.isPresent() ? "basic" : bearer.isPresent() ? "bearer" : "none") + "]";
    }
}
