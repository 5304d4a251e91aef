package dev.wharf.discovery.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;

/**
 * What Docker Hub's web API ({@code /v2/repositories/<namespace>/<name>/}) says about a repository and the
 * Distribution API does not: description, stars, pulls, last update, automated builds.
 */
public final class HubMetadata {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI base;
    private final Retrier retrier;

    public HubMetadata(URI base, Retrier retrier) {
        this.base = base;
        this.retrier = retrier;
    }

    /** Docker Hub's facts about one repository. */
    public record Info(String description, Long starCount, Long pullCount, String lastUpdated, boolean automated) {
    }

    /** The facts about {@code repository} ({@code namespace/name}); empty when Hub does not know it. */
    public Optional<Info> of(String repository) {
        Response r = retrier.get(URI.create(base + "/v2/repositories/" + repository + "/"), "Accept", "application/json");
        if (r.status() == 404) {
            return Optional.empty();
        }
        if (!r.ok()) {
            throw new CallFailedException("Docker Hub repository metadata for " + repository + ": HTTP " + r.status(),
                    r.status());
        }
        try {
            JsonNode n = JSON.readTree(r.body());
            return Optional.of(new Info(text(n, "description"), number(n, "star_count"), number(n, "pull_count"),
                    text(n, "last_updated"), n.path("is_automated").asBoolean(false)));
        } catch (IOException e) {
            throw new CallFailedException("Docker Hub repository metadata for " + repository + " is not JSON", 0);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() || v.asText().isEmpty() ? null : v.asText();
    }

    private static Long number(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || !v.isNumber() ? null : v.asLong();
    }
}
