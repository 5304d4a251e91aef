package dev.wharf.http.v2;

import dev.wharf.http.reply.Json;
import dev.wharf.http.reply.Reply;
import dev.wharf.oci.Descriptor;
import dev.wharf.oci.Digest;
import dev.wharf.oci.MediaTypes;
import dev.wharf.oci.RepositoryName;
import dev.wharf.content.ContentDiscovery;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code _catalog}, {@code tags/list} (both paginated with {@code n}/{@code last} and {@code Link}) and referrers. */
final class ListingEndpoints {
    private final ContentDiscovery discovery;

    ListingEndpoints(ContentDiscovery discovery) {
        this.discovery = discovery;
    }

    Reply tags(Exchange ex) {
        RepositoryName repo = ex.repository();
        int n = ex.intQuery("n", ContentDiscovery.MAX_PAGE);
        String last = ex.query("last");
        ContentDiscovery.Page page = n == 0 ? new ContentDiscovery.Page(List.of(), false) : discovery.tags(repo, last, n);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", repo.value());
        body.put("tags", page.items());
        return paged(Reply.bytes(200, "application/json", Json.bytes(body)), "/v2/" + repo + "/tags/list", n, page);
    }

    Reply catalog(Exchange ex) {
        int n = ex.intQuery("n", ContentDiscovery.MAX_PAGE);
        String last = ex.query("last");
        ContentDiscovery.FilteredPage page = n == 0 ? new ContentDiscovery.FilteredPage(List.of(), null)
                : discovery.repositories(last, n, ex.caller()::listsInCatalog);
        Reply reply = Reply.bytes(200, "application/json", Json.bytes(Map.of("repositories", page.items())));
        if (page.resumeAfter() != null) {
            reply.header("Link", "</v2/_catalog?n=" + Math.min(n, ContentDiscovery.MAX_PAGE) + "&last="
                    + URLEncoder.encode(page.resumeAfter(), StandardCharsets.UTF_8) + ">; rel=\"next\"");
        }
        return reply;
    }

    Reply referrers(Exchange ex) {
        RepositoryName repo = ex.repository();
        Digest subject = Digest.parse(ex.route().arg());
        String artifactType = ex.query("artifactType");
        if (artifactType != null && artifactType.isEmpty()) {
            artifactType = null;
        }
        List<Map<String, Object>> manifests = discovery.referrers(repo, subject, artifactType).stream()
                .map(ListingEndpoints::descriptorJson).toList();
        Map<String, Object> index = new LinkedHashMap<>();
        index.put("schemaVersion", 2);
        index.put("mediaType", MediaTypes.OCI_INDEX);
        index.put("manifests", manifests);
        Reply reply = Reply.bytes(200, MediaTypes.OCI_INDEX, Json.bytes(index));
        if (artifactType != null) {
            reply.header("OCI-Filters-Applied", "artifactType");
        }
        return reply;
    }

    private static Map<String, Object> descriptorJson(Descriptor d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mediaType", d.mediaType());
        m.put("digest", d.digest().toString());
        m.put("size", d.size());
        if (d.artifactType() != null) {
            m.put("artifactType", d.artifactType());
        }
        if (d.annotations() != null && !d.annotations().isEmpty()) {
            m.put("annotations", d.annotations());
        }
        return m;
    }

    private static Reply paged(Reply reply, String path, int n, ContentDiscovery.Page page) {
        if (page.more() && !page.items().isEmpty()) {
            String last = page.items().get(page.items().size() - 1);
            reply.header("Link", "<" + path + "?n=" + Math.min(n, ContentDiscovery.MAX_PAGE) + "&last="
                    + URLEncoder.encode(last, StandardCharsets.UTF_8) + ">; rel=\"next\"");
        }
        return reply;
    }
}
