package dev.wharf.http.auth;

import dev.wharf.auth.Action;
import dev.wharf.oci.ErrorCode;
import dev.wharf.oci.OciException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Builds 401 answers: the UNAUTHORIZED envelope with registry:2's detail shape and a WWW-Authenticate header. */
final class Challenges {
    private Challenges() {
    }

    static OciException unauthorized(String header, String repository, Set<Action> actions, boolean catalog) {
        List<Map<String, String>> detail = new ArrayList<>();
        if (catalog) {
            detail.add(Map.of("Type", "registry", "Name", "catalog", "Action", "*"));
        }
        if (repository != null) {
            for (Action a : actions) {
                detail.add(Map.of("Type", "repository", "Name", repository, "Action", a.wireName()));
            }
        }
        return ErrorCode.UNAUTHORIZED.exception("authentication required", detail)
                .withHeaders(Map.of("WWW-Authenticate", header));
    }

    /** {@code repository:<name>:<a>,<b>} or {@code registry:catalog:*}; null when nothing specific is needed. */
    static String scope(String repository, Set<Action> actions, boolean catalog) {
        if (catalog) {
            return "registry:catalog:*";
        }
        if (repository == null || actions.isEmpty()) {
            return null;
        }
        return "repository:" + repository + ":" + actions.stream().sorted().map(Action::wireName)
                .collect(Collectors.joining(","));
    }

    /** A quoted auth-param value (RFC 7235): backslash-escape quotes and backslashes. */
    static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    static Map<String, String> params(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            if (kv[i + 1] != null) {
                m.put(kv[i], kv[i + 1]);
            }
        }
        return m;
    }

    static String header(String scheme, Map<String, String> params) {
        return scheme + " " + params.entrySet().stream().map(e -> e.getKey() + "=" + quote(e.getValue()))
                .collect(Collectors.joining(","));
    }
}
