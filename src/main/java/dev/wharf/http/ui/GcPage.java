package dev.wharf.http.ui;

import dev.wharf.gc.GcControl;

import java.util.List;

/** The garbage collection page: the active run, a form to start one, and the history. */
final class GcPage {
    private final UiContext ctx;
    private final UiPages pages;

    GcPage(UiContext ctx, UiPages pages) {
        this.ctx = ctx;
        this.pages = pages;
    }

    void handle(UiCall call, Visit visit) {
        Viewer viewer = visit.viewer();
        String registry = UiPages.blankToNull(call.isGet() ? call.query("registry") : call.form("registry"));
        if (!viewer.mayReadGc(registry)) {
            pages.error(call, visit, 403, "You may not see garbage collection here.");
            return;
        }
        if (ctx.gc() == null) {
            show(call, visit, registry, null);
            return;
        }
        if (call.isGet()) {
            show(call, visit, registry, call.query("started") == null ? null : "Run " + call.query("started") + " started.");
            return;
        }
        if (!viewer.mayRunGc(registry)) {
            pages.error(call, visit, 403, "You may not start garbage collection here.");
            return;
        }
        GcControl.Type type = GcControl.Type.fromWire(String.valueOf(call.form("type")));
        if (type == null) {
            show(call, visit, registry, "Choose a mode.");
            return;
        }
        boolean dryRun = "true".equals(call.form("dryRun"));
        try {
            GcControl.Run run = ctx.gc().start(registry, type, dryRun, UiContext.origin(call, viewer));
            call.redirect("/ui/gc?started=" + Fmt.enc(run.uuid()) + (registry == null ? "" : "&registry=" + Fmt.enc(registry)));
        } catch (IllegalStateException e) {
            show(call, visit, registry, "A run is already active; wait for it to finish.");
        }
    }

    private void show(UiCall call, Visit visit, String registry, String message) {
        GcControl gc = ctx.gc();
        Viewer viewer = visit.viewer();
        GcControl.Run active = gc == null ? null : gc.active(registry).orElse(null);
        List<GcControl.Run> runs = gc == null ? List.of() : gc.list(registry, 1, 50);
        pages.render(call, 200, "gc.jte", new Page.Gc(pages.chrome(visit, "Garbage collection", "gc"), gc != null,
                gc != null && viewer.mayRunGc(registry), registry, active, runs, message, pages.registryNames(viewer)));
    }
}
