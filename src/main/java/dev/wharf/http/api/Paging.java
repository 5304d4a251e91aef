package dev.wharf.http.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.http.reply.Json;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * DigitalOcean's pagination: {@code page} (from 1) and {@code per_page} (1–200, default 20) in the query,
 * {@code links.pages.{first,prev,next,last}} and {@code meta.total} in the response.
 */
record Paging(int page, int perPage) {
    static final int DEFAULT_PER_PAGE = 20;
    static final int MAX_PER_PAGE = 200;

    static Paging of(ApiRequest req) {
        int perPage = number(req, "per_page", DEFAULT_PER_PAGE);
        if (perPage < 1 || perPage > MAX_PER_PAGE) {
            throw ApiError.badRequest("per_page must be between 1 and 200");
        }
        int page = number(req, "page", 1);
        if (page < 1) {
            throw ApiError.badRequest("page must be 1 or more");
        }
        return new Paging(page, perPage);
    }

    private static int number(ApiRequest req, String name, int dflt) {
        String v = req.query(name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest(name + " must be a whole number, got \"" + v + "\"");
        }
    }

    int offset() {
        return (int) Math.min(Integer.MAX_VALUE, (long) (page - 1) * perPage);
    }

    long pages(long total) {
        return Math.max(1, (total + perPage - 1) / perPage);
    }

    /** {@code links.pages} with only the links that exist (no prev on the first page, no next on the last), and {@code meta.total}. */
    void addLinksAndMeta(ObjectNode out, ApiRequest req, long total) {
        ObjectNode pages = Json.MAPPER.createObjectNode();
        long last = pages(total);
        if (page > 1) {
            pages.put("first", req.link(query(1)));
            pages.put("prev", req.link(query(Math.min(page - 1, last))));
        }
        if (page < last) {
            pages.put("next", req.link(query(page + 1)));
            pages.put("last", req.link(query(last)));
        }
        out.putObject("links").set("pages", pages);
        out.putObject("meta").put("total", total);
    }

    String query(long p) {
        return "page=" + p + "&per_page=" + perPage;
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
