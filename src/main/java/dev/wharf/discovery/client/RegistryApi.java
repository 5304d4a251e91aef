package dev.wharf.discovery.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.wharf.oci.Descriptor;
import dev.wharf.oci.Digest;
import dev.wharf.oci.ManifestParser;
import dev.wharf.oci.MediaTypes;
import dev.wharf.oci.OciException;
import dev.wharf.oci.ParsedManifest;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The Distribution API calls discovery makes against one registry. Every call starts anonymous and answers
 * {@code 401} through the {@link Authorizer} once; retries and timeouts are the {@link Retrier}'s.
 */
public final class RegistryApi {
    /** What discovery can read, most specific first: indexes so every platform is seen. */
    static final String MANIFEST_ACCEPT = String.join(", ", MediaTypes.OCI_INDEX, MediaTypes.DOCKER_MANIFEST_LIST,
            MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_MANIFEST);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CATALOG_SCOPE = "registry:catalog:*";

    private final URI base;
    private final Retrier retrier;
    private final Authorizer auth;
    private final int pageSize;

    public RegistryApi(URI base, Retrier retrier, Authorizer auth, int pageSize) {
        this.base = base;
        this.retrier = retrier;
        this.auth = auth;
        this.pageSize = pageSize;
    }

    /** What {@code GET /v2/} says without credentials. */
    public record Ping(int status, Optional<String> apiVersion) {
        public boolean isPublic() {
            return status == 200;
        }
    }

    /** A manifest as served: the exact bytes, its digest, and the parsed content. */
    public record Fetched(Digest digest, byte[] payload, ParsedManifest manifest) {
    }

    public Ping ping() {
        Response r = retrier.get(uri("/v2/"));
        if (r.status() != 200 && r.status() != 401) {
            throw new CallFailedException("GET /v2/ answered HTTP " + r.status() + ": not a Distribution API registry",
                    r.status());
        }
        return new Ping(r.status(), r.header("Docker-Distribution-API-Version"));
    }

    /** Every repository in {@code _catalog}, following {@code Link} pages. */
    public List<String> catalog() {
        return pages(uri("/v2/_catalog?n=" + pageSize), CATALOG_SCOPE, "repositories");
    }

    /** Every tag of {@code repository}, following {@code Link} pages. */
    public List<String> tags(String repository) {
        return pages(uri("/v2/" + repository + "/tags/list?n=" + pageSize), pull(repository), "tags");
    }

    public Fetched manifest(String repository, String reference) {
        Response r = get(uri("/v2/" + repository + "/manifests/" + reference), pull(repository),
                "Accept", MANIFEST_ACCEPT);
        require(r, "manifest " + repository + ":" + reference);
        Digest computed = Digest.sha256(r.body());
        Optional<String> claimed = r.header("Docker-Content-Digest");
        if (Digest.looksLikeDigest(reference) && !computed.toString().equals(reference)) {
            throw new CallFailedException("manifest " + repository + "@" + reference + " does not match its digest", 0);
        }
        Digest digest = claimed.filter(c -> c.equals(computed.toString())).map(c -> computed).orElse(computed);
        try {
            String type = MediaTypes.essence(r.header("Content-Type").orElse(null));
            return new Fetched(digest, r.body(),
                    ManifestParser.parse(r.body(), type != null && MediaTypes.isManifestType(type) ? type : null));
        } catch (OciException e) {
            throw new CallFailedException("manifest " + repository + ":" + reference + " is not a valid image"
                    + " manifest or index: " + e.getMessage(), 0);
        }
    }

    /** The content of a blob, checked against its digest. */
    public byte[] blob(String repository, Digest digest) {
        Response r = get(uri("/v2/" + repository + "/blobs/" + digest), pull(repository));
        require(r, "blob " + digest + " of " + repository);
        if (!Digest.of(digest.algorithm(), r.body()).equals(digest)) {
            throw new CallFailedException("blob " + digest + " of " + repository + " does not match its digest", 0);
        }
        return r.body();
    }

    /**
     * The manifests attached to {@code subject}: the referrers API, or, on a registry without it, the
     * {@code sha256-<hex>} tag index the OCI fallback scheme maintains.
     */
    public List<Descriptor> referrers(String repository, Digest subject) {
        Response r = get(uri("/v2/" + repository + "/referrers/" + subject), pull(repository),
                "Accept", MediaTypes.OCI_INDEX);
        if (r.status() == 404 || r.status() == 405 || r.status() == 400) {
            Response tag = get(uri("/v2/" + repository + "/manifests/" + subject.algorithm().prefix() + "-"
                    + subject.hex()), pull(repository), "Accept", MediaTypes.OCI_INDEX);
            if (tag.status() == 404) {
                return List.of();
            }
            r = tag;
        }
        require(r, "referrers of " + repository + "@" + subject);
        try {
            return ManifestParser.parse(r.body(), MediaTypes.OCI_INDEX).manifests();
        } catch (OciException e) {
            throw new CallFailedException("referrers of " + repository + "@" + subject + " are not an index", 0);
        }
    }

    private List<String> pages(URI first, String scope, String field) {
        List<String> out = new ArrayList<>();
        URI next = first;
        for (int page = 0; next != null; page++) {
            if (page > 100_000) {
                throw new CallFailedException("more than 100000 pages at " + first.getPath(), 0);
            }
            Response r = get(next, scope);
            require(r, "GET " + next.getRawPath());
            try {
                JsonNode list = JSON.readTree(r.body()).path(field);
                list.forEach(n -> out.add(n.asText()));
            } catch (IOException e) {
                throw new CallFailedException("GET " + next.getRawPath() + " answered invalid JSON", r.status());
            }
            URI current = next;
            next = LinkHeader.next(r.headers().allValues("Link"), current).orElse(null);
        }
        return out;
    }

    /** A GET that answers one 401 challenge. */
    private Response get(URI uri, String scope, String... headers) {
        Response r = retrier.get(uri, withAuth(scope, headers));
        if (r.status() == 401 && auth.answer(r, scope)) {
            r = retrier.get(uri, withAuth(scope, headers));
        }
        return r;
    }

    private String[] withAuth(String scope, String[] headers) {
        Optional<String> a = auth.authorization(scope);
        if (a.isEmpty()) {
            return headers;
        }
        String[] out = java.util.Arrays.copyOf(headers, headers.length + 2);
        out[headers.length] = "Authorization";
        out[headers.length + 1] = a.get();
        return out;
    }

    private static void require(Response r, String what) {
        if (!r.ok()) {
            String reason = switch (r.status()) {
                case 401 -> "unauthorized (credentials missing, rejected, or without access)";
                case 403 -> "forbidden";
                case 404 -> "not found";
                default -> "HTTP " + r.status();
            };
            throw new CallFailedException(what + ": " + reason, r.status());
        }
    }

    private static String pull(String repository) {
        return "repository:" + repository + ":pull";
    }

    private URI uri(String pathAndQuery) {
        return URI.create(base.toString() + pathAndQuery);
    }
}
