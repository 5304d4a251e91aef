package dev.wharf.http.ui;

import dev.wharf.auth.AuditLog;
import dev.wharf.gc.GcControl;
import dev.wharf.meta.RepositorySummary;
import dev.wharf.oci.Reference;
import dev.wharf.oci.RepositoryName;
import dev.wharf.content.ContentDiscovery;
import dev.wharf.content.inspect.ImageInspector;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON endpoints behind the UI (documented in docs/ui-api.md): registries, repository pages with search,
 * tags with figures, manifest details, deletes, garbage collection and activity; plus the two simple endpoints
 * other registry UIs and scripts use, {@code GET /api/repos} and {@code GET /api/tags/<name>}.
 */
final class UiApi {
    private final UiContext ctx;
    private final RepositoryQuery repositories;

    UiApi(UiContext ctx) {
        this.ctx = ctx;
        this.repositories = new RepositoryQuery(ctx.meta());
    }

    void handle(UiCall call, Visit visit) {
        String path = call.path;
        Viewer viewer = visit.viewer();
        if (path.equals("/api/repos") && call.isGet()) {
            RepositoryQuery.Slice s = repositories.page(viewer, call.query("q"), UiPages.blankToNull(call.query("last")),
                    null, size(call, 100));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("repositories", s.rows().stream().map(RepositorySummary::name).toList());
            body.put("next", s.next());
            call.json(200, body);
        } else if (path.startsWith("/api/tags/") && call.isGet()) {
            RepositoryName repo = visibleRepository(viewer, path.substring("/api/tags/".length()));
            ContentDiscovery.Page tags = new ContentDiscovery(ctx.meta()).tags(repo, null, ContentDiscovery.MAX_PAGE);
            call.json(200, Map.of("name", repo.value(), "tags", tags.items()));
        } else if (path.equals("/ui/api/registries") && call.isGet()) {
            call.json(200, Map.of("registries", ctx.registries().list().stream()
                    .filter(r -> viewer.mayReadRegistry(r.name())).map(UiApi::registry).toList()));
        } else if (path.equals("/ui/api/repositories") && call.isGet()) {
            String q = call.query("q");
            RepositoryQuery.Slice s = repositories.page(viewer, q, UiPages.blankToNull(call.query("after")),
                    UiPages.blankToNull(call.query("before")), size(call, RepositoryQuery.DEFAULT_PAGE));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("repositories", s.rows().stream().map(UiApi::repository).toList());
            body.put("total", repositories.total(viewer, q));
            body.put("prev", s.prev());
            body.put("next", s.next());
            call.json(200, body);
        } else if (path.startsWith("/ui/api/repos/")) {
            repository(call, viewer, RepoPath.parse(path.substring("/ui/api/repos/".length())));
        } else if (path.equals("/ui/api/gc")) {
            gc(call, viewer);
        } else if (path.equals("/ui/api/activity") && call.isGet()) {
            if (!viewer.mayReadActivity()) {
                call.jsonError(403, "DENIED", "you may not read the activity log");
            } else if (ctx.audit() == null) {
                call.jsonError(501, "UNAVAILABLE", "the audit log is not available on this server");
            } else {
                call.json(200, Map.of("events", ctx.audit().recent(null, size(call, 100)).stream()
                        .map(UiApi::event).toList()));
            }
        } else {
            call.jsonError(404, "NOT_FOUND", "no such endpoint");
        }
    }

    private void repository(UiCall call, Viewer viewer, RepoPath p) {
        String name = p.repository().value();
        if (!viewer.maySee(name) || !ctx.meta().repositoryExists(p.repository())) {
            call.jsonError(404, "NOT_FOUND", "no such repository, or you may not see it");
        } else if ("tags".equals(p.what()) && p.reference() == null && call.isGet()) {
            var rows = ctx.inspector().tags(p.repository(), UiPages.blankToNull(call.query("after")), size(call, 500));
            call.json(200, Map.of("name", name, "tags", rows.stream().map(UiApi::tag).toList()));
        } else if ("manifests".equals(p.what()) && p.reference() != null && call.isGet()) {
            call.json(200, DetailsJson.of(ctx.inspector().details(p.repository(), p.reference())));
        } else if ("manifests".equals(p.what()) && p.reference() != null && "DELETE".equals(call.method())) {
            delete(call, viewer, p.repository(), p.reference());
        } else {
            call.jsonError(404, "NOT_FOUND", "no such endpoint");
        }
    }

    /** The service decides (disabled deletes: 405 UNSUPPORTED, immutable tags: 403 DENIED) and records it. */
    private void delete(UiCall call, Viewer viewer, RepositoryName repo, Reference reference) {
        if (ctx.deleteEnabled() && !viewer.mayDelete(repo.value())) {
            call.jsonError(403, "DENIED", "you may not delete in " + repo.value());
            return;
        }
        var who = UiContext.origin(call, viewer);
        boolean deleted = switch (reference) {
            case Reference.ByDigest d -> ctx.deletion().manifest(repo, d.digest(), who);
            case Reference.Tag t -> ctx.deletion().tag(repo, t.name(), who);
        };
        if (!deleted) {
            throw dev.wharf.content.ManifestService.unknown(reference);
        }
        call.noContent();
    }

    private void gc(UiCall call, Viewer viewer) {
        String registry = UiPages.blankToNull(call.isGet() ? call.query("registry") : call.form("registry"));
        if (!viewer.mayReadGc(registry)) {
            call.jsonError(403, "DENIED", "you may not see garbage collection here");
        } else if (ctx.gc() == null) {
            call.jsonError(501, "UNAVAILABLE", "garbage collection is not available on this server");
        } else if (call.isGet()) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("active", ctx.gc().active(registry).map(UiApi::run).orElse(null));
            body.put("runs", ctx.gc().list(registry, 1, size(call, 50)).stream().map(UiApi::run).toList());
            call.json(200, body);
        } else if (!viewer.mayRunGc(registry)) {
            call.jsonError(403, "DENIED", "you may not start garbage collection here");
        } else {
            GcControl.Type type = GcControl.Type.fromWire(String.valueOf(call.form("type")));
            if (type == null) {
                call.jsonError(400, "INVALID", "type must be one of untagged_manifests_only, unreferenced_blobs_only,"
                        + " unreferenced_blobs_and_manifests");
                return;
            }
            try {
                GcControl.Run run = ctx.gc().start(registry, type, "true".equals(call.form("dryRun")),
                        UiContext.origin(call, viewer));
                call.json(201, run(run));
            } catch (IllegalStateException e) {
                call.jsonError(409, "CONFLICT", "a run is already active");
            }
        }
    }

    private static RepositoryName visibleRepository(Viewer viewer, String name) {
        RepositoryName repo = RepositoryName.parse(name);
        if (!viewer.maySee(repo.value())) {
            throw dev.wharf.oci.ErrorCode.NAME_UNKNOWN.exception("repository name not known to registry", name)
                    .withStatus(404);
        }
        return repo;
    }

    private static int size(UiCall call, int fallback) {
        String n = call.query("n");
        if (n == null) {
            return fallback;
        }
        try {
            return Math.max(1, Math.min(1000, Integer.parseInt(n)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("n must be a number");
        }
    }

    private static Map<String, Object> registry(RegistrySummaries.RegistrySummary r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("tier", r.tier());
        m.put("usedBytes", r.usedBytes());
        m.put("quotaBytes", r.quotaBytes());
        m.put("repositoryCount", r.repositoryCount());
        m.put("lastPush", iso(r.lastPush()));
        return m;
    }

    private static Map<String, Object> repository(RepositorySummary r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("tagCount", r.tagCount());
        m.put("manifestCount", r.manifestCount());
        m.put("storedBytes", r.storedBytes());
        m.put("lastPush", iso(r.lastPush()));
        return m;
    }

    private static Map<String, Object> tag(ImageInspector.TagRow t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tag", t.tag());
        m.put("digest", t.digest());
        m.put("mediaType", t.mediaType());
        m.put("size", t.size());
        m.put("platforms", t.platforms());
        m.put("created", iso(t.created()));
        m.put("pushed", iso(t.pushed()));
        m.put("layers", t.layers());
        return m;
    }

    private static Map<String, Object> run(GcControl.Run r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("uuid", r.uuid());
        m.put("registry", r.registry());
        m.put("type", r.type().wireName());
        m.put("status", r.status().wireName());
        m.put("dryRun", r.dryRun());
        m.put("createdAt", iso(r.createdAt()));
        m.put("updatedAt", iso(r.updatedAt()));
        m.put("blobsDeleted", r.blobsDeleted());
        m.put("manifestsDeleted", r.manifestsDeleted());
        m.put("freedBytes", r.freedBytes());
        return m;
    }

    private static Map<String, Object> event(AuditLog.Event e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", iso(e.at()));
        m.put("actor", e.actor());
        m.put("action", e.action());
        m.put("target", e.target());
        m.put("address", e.address());
        m.put("detail", e.detail());
        return m;
    }

    private static String iso(Instant t) {
        return t == null ? null : t.toString();
    }
}
