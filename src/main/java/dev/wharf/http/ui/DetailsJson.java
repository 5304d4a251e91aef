package dev.wharf.http.ui;

import dev.wharf.oci.ImageConfig;
import dev.wharf.content.inspect.ImageInspector.Details;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The UI API's JSON for a manifest's details (docs/ui-api.md): the inspector's fields in order, times in UTC
 * ({@code config.created} as an instant, not as the blob wrote it), and absent values left out.
 */
final class DetailsJson {
    private DetailsJson() {
    }

    static Map<String, Object> of(Details d) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "repository", d.repository());
        put(m, "digest", d.digest());
        put(m, "mediaType", d.mediaType());
        put(m, "artifactType", d.artifactType());
        put(m, "totalSize", d.totalSize());
        put(m, "manifestSize", d.manifestSize());
        put(m, "pushed", d.pushed());
        put(m, "subject", d.subject());
        put(m, "annotations", d.annotations());
        put(m, "configDigest", d.configDigest());
        put(m, "configMediaType", d.configMediaType());
        put(m, "config", config(d.config()));
        put(m, "layers", d.layers());
        put(m, "children", d.children());
        put(m, "referrers", d.referrers());
        put(m, "rawManifest", d.rawManifest());
        return m;
    }

    private static Map<String, Object> config(ImageConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        put(m, "created", c.createdAt().orElse(null));
        put(m, "os", c.os());
        put(m, "architecture", c.architecture());
        put(m, "variant", c.variant());
        put(m, "env", c.env());
        put(m, "entrypoint", c.entrypoint());
        put(m, "cmd", c.cmd());
        put(m, "labels", c.labels());
        put(m, "history", history(c.history()));
        return m;
    }

    private static List<Map<String, Object>> history(List<ImageConfig.HistoryEntry> history) {
        return history.stream().map(h -> {
            Map<String, Object> m = new LinkedHashMap<>();
            put(m, "created", h.createdAt().orElse(null));
            put(m, "createdBy", h.createdBy());
            put(m, "comment", h.comment());
            put(m, "emptyLayer", h.emptyLayer());
            return m;
        }).toList();
    }

    /** Like the HTTP layer's mapper does for record fields: a null is left out. */
    private static void put(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
