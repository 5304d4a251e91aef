package dev.wharf.http.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/** The UI's stylesheet and scripts, served from the classpath; a fixed list, so no path ever reaches the loader. */
final class StaticAssets {
    private static final Map<String, String> TYPES = Map.of(
            "app.css", "text/css; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "theme.js", "text/javascript; charset=utf-8");
    private static final Map<String, byte[]> CONTENT = load();

    private StaticAssets() {
    }

    static void serve(UiCall call) {
        String name = call.path.substring("/ui/static/".length());
        byte[] body = CONTENT.get(name);
        if (body == null || !call.isGet()) {
            call.send(404, "text/plain; charset=utf-8", "not found".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return;
        }
        call.response.getHeaders().put("Cache-Control", "no-cache");
        call.send(200, TYPES.get(name), body);
    }

    private static Map<String, byte[]> load() {
        Map<String, byte[]> out = new java.util.HashMap<>();
        for (String name : TYPES.keySet()) {
            try (InputStream in = StaticAssets.class.getResourceAsStream("static/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("missing UI asset " + name);
                }
                out.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Map.copyOf(out);
    }
}
