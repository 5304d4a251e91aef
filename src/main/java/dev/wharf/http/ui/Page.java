package dev.wharf.http.ui;

import dev.wharf.auth.AuditLog;
import dev.wharf.gc.GcControl;
import dev.wharf.meta.RepositorySummary;
import dev.wharf.content.inspect.ImageInspector;

import java.util.List;

/** The models the templates under {@code src/main/jte} render: one record per page plus the shared chrome. */
final class Page {
    private Page() {
    }

    /**
     * What every page shows around its content. {@code user} is empty on an open server; {@code csrf} is the
     * session's token for forms and scripts.
     */
    record Chrome(String title, String nav, String user, boolean signedIn, String csrf, boolean showGc,
                  boolean showActivity) {
    }

    record Login(Chrome chrome, String error, String next, String username) {
    }

    record Overview(Chrome chrome, List<RegistrySummaries.RegistrySummary> registries) {
    }

    /** {@code total} is null when the viewer may not count every repository; cursors are null at either end. */
    record Repositories(Chrome chrome, String q, List<RepositorySummary> rows, Long total, String prev, String next) {
    }

    record Repository(Chrome chrome, String name, String pullPrefix, List<ImageInspector.TagRow> tags,
                      boolean canDelete, String nextAfter) {
    }

    record Manifest(Chrome chrome, ImageInspector.Details details, String reference, String pullCommand,
                    boolean canDelete) {
    }

    record Gc(Chrome chrome, boolean available, boolean canStart, String registry, GcControl.Run active,
              List<GcControl.Run> runs, String message, List<String> registries) {
        List<GcControl.Type> types() {
            return List.of(GcControl.Type.values());
        }
    }

    record Activity(Chrome chrome, boolean available, List<AuditLog.Event> events) {
    }

    record Error(Chrome chrome, int status, String message) {
    }
}
