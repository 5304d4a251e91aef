package dev.wharf.http.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.auth.ApiScope;
import dev.wharf.http.reply.Reply;
import dev.wharf.meta.RegistryContentListings;
import dev.wharf.tenancy.RegistryContent;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A registry's repositories, tags and manifests: listings with pagination, and deletes. */
final class ContentEndpoints {
    private static final String TOKEN_PREFIX = "after:";

    private final RegistryContent content;
    private final Access access;

    ContentEndpoints(RegistryContent content, Access access) {
        this.content = content;
        this.access = access;
    }

    Reply repositories(ApiRequest req, String registry) {
        access.require(req, registry, ApiScope.READ);
        Paging paging = Paging.of(req);
        var page = content.repositories(registry, null, paging.offset(), paging.perPage());
        ObjectNode out = ApiViews.object();
        ArrayNode list = out.putArray("repositories");
        page.items().forEach(r -> list.add(ApiViews.repository(registry, r)));
        paging.addLinksAndMeta(out, req, page.total());
        return ApiHandler.json(200, out);
    }

    /**
     * {@code page_token} continues after the last repository of the previous page (a keyset, so a page costs the
     * same however deep it is); {@code page} is ignored when a token is given, as DigitalOcean documents. One
     * repository more than the page is read, so {@code next} appears only when there is a next page.
     */
    Reply repositoriesV2(ApiRequest req, String registry) {
        access.require(req, registry, ApiScope.READ);
        Paging paging = Paging.of(req);
        String token = req.query("page_token");
        String after = token == null || token.isEmpty() ? null : decodeToken(token);
        var page = content.repositories(registry, after, after == null ? paging.offset() : 0, paging.perPage() + 1);
        boolean more = page.items().size() > paging.perPage();
        var items = more ? page.items().subList(0, paging.perPage()) : page.items();
        ObjectNode out = ApiViews.object();
        ArrayNode list = out.putArray("repositories");
        items.forEach(r -> list.add(ApiViews.repositoryV2(registry, r)));
        paging.addLinksAndMeta(out, req, page.total());
        ObjectNode pages = (ObjectNode) out.get("links").get("pages");
        pages.remove("next");
        if (more) {
            // the next link carries a token to the repository after this page's last one
            String last = items.get(items.size() - 1).name().value();
            pages.put("next", req.link(paging.query(paging.page() + 1) + "&page_token=" + encodeToken(last)));
        }
        return ApiHandler.json(200, out);
    }

    Reply tags(ApiRequest req, String registry, String repository) {
        access.require(req, registry, ApiScope.READ);
        Paging paging = Paging.of(req);
        var page = content.tags(registry, repository, paging.offset(), paging.perPage());
        ObjectNode out = ApiViews.object();
        ArrayNode list = out.putArray("tags");
        page.items().forEach(t -> list.add(ApiViews.tag(registry, t)));
        paging.addLinksAndMeta(out, req, page.total());
        return ApiHandler.json(200, out);
    }

    Reply manifests(ApiRequest req, String registry, String repository) {
        access.require(req, registry, ApiScope.READ);
        Paging paging = Paging.of(req);
        var page = content.manifests(registry, repository, paging.offset(), paging.perPage());
        ObjectNode out = ApiViews.object();
        ArrayNode list = out.putArray("manifests");
        for (RegistryContentListings.ManifestSummary m : page.items()) {
            list.add(ApiViews.manifest(registry, m));
        }
        paging.addLinksAndMeta(out, req, page.total());
        return ApiHandler.json(200, out);
    }

    Reply deleteTag(ApiRequest req, String registry, String repository, String tag) {
        access.require(req, registry, ApiScope.DELETE);
        content.deleteTag(registry, repository, tag, req.origin());
        return Reply.status(204);
    }

    Reply deleteManifest(ApiRequest req, String registry, String repository, String digest) {
        access.require(req, registry, ApiScope.DELETE);
        content.deleteManifest(registry, repository, digest, req.origin());
        return Reply.status(204);
    }

    Reply deleteRepository(ApiRequest req, String registry, String repository) {
        access.require(req, registry, ApiScope.DELETE);
        content.deleteRepository(registry, repository, req.origin());
        return Reply.status(204);
    }

    static String encodeToken(String after) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((TOKEN_PREFIX + after).getBytes(StandardCharsets.UTF_8));
    }

    static String decodeToken(String token) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (s.startsWith(TOKEN_PREFIX)) {
                return s.substring(TOKEN_PREFIX.length());
            }
        } catch (IllegalArgumentException e) {
            // falls through to the error below
        }
        throw ApiError.badRequest("invalid page_token");
    }
}
