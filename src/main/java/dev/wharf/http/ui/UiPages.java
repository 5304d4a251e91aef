package dev.wharf.http.ui;

import dev.wharf.auth.AuditLog;
import dev.wharf.oci.Reference;
import dev.wharf.oci.RepositoryName;
import dev.wharf.content.inspect.ImageInspector;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;

import java.util.List;

/** The HTML pages: each builds its model from the services and renders its precompiled template. */
final class UiPages {
    private static final int TAGS_PER_PAGE = 500;

    private final UiContext ctx;
    private final RepositoryQuery repositories;
    private final TemplateEngine templates = TemplateEngine.createPrecompiled(null, ContentType.Html,
            UiPages.class.getClassLoader(), UiPages.class.getPackageName());

    UiPages(UiContext ctx) {
        this.ctx = ctx;
        this.repositories = new RepositoryQuery(ctx.meta());
    }

    void handle(UiCall call, Visit visit) {
        String path = call.path;
        Viewer viewer = visit.viewer();
        if (path.equals("/ui/") && call.isGet()) {
            overview(call, visit);
        } else if (path.equals("/ui/repositories") && call.isGet()) {
            repositories(call, visit);
        } else if (path.startsWith("/ui/repos/") && call.isGet()) {
            RepoPath p = RepoPath.parse(path.substring("/ui/repos/".length()));
            if (!viewer.maySee(p.repository().value())) {
                error(call, visit, 404, "No such repository, or you may not see it.");
            } else if (p.what() == null) {
                repository(call, visit, p.repository());
            } else if (p.what().equals("manifests") && p.reference() != null) {
                manifest(call, visit, p.repository(), p.reference());
            } else {
                error(call, visit, 404, "No such page.");
            }
        } else if (path.equals("/ui/gc")) {
            new GcPage(ctx, this).handle(call, visit);
        } else if (path.equals("/ui/activity") && call.isGet()) {
            activity(call, visit);
        } else {
            error(call, visit, 404, "No such page.");
        }
    }

    Page.Chrome chrome(Visit visit, String title, String nav) {
        Viewer v = visit == null ? null : visit.viewer();
        boolean signedIn = visit != null && visit.signedIn();
        return new Page.Chrome(title, nav, v == null ? "" : v.name(), signedIn, visit == null ? "" : visit.csrf(),
                v != null && v.mayReadGc(null), v != null && v.mayReadActivity());
    }

    private void overview(UiCall call, Visit visit) {
        List<RegistrySummaries.RegistrySummary> visible = ctx.registries().list().stream()
                .filter(r -> visit.viewer().mayReadRegistry(r.name())).toList();
        render(call, 200, "overview.jte", new Page.Overview(chrome(visit, "Overview", "overview"), visible));
    }

    private void repositories(UiCall call, Visit visit) {
        String q = call.query("q") == null ? "" : call.query("q").trim();
        RepositoryQuery.Slice slice = repositories.page(visit.viewer(), q, blankToNull(call.query("after")),
                blankToNull(call.query("before")), RepositoryQuery.DEFAULT_PAGE);
        render(call, 200, "repositories.jte", new Page.Repositories(chrome(visit, "Repositories", "repositories"),
                q, slice.rows(), repositories.total(visit.viewer(), q), slice.prev(), slice.next()));
    }

    private void repository(UiCall call, Visit visit, RepositoryName repo) {
        if (!ctx.meta().repositoryExists(repo)) {
            error(call, visit, 404, "No such repository, or you may not see it.");
            return;
        }
        List<ImageInspector.TagRow> tags = ctx.inspector().tags(repo, blankToNull(call.query("after")), TAGS_PER_PAGE + 1);
        String next = null;
        if (tags.size() > TAGS_PER_PAGE) {
            tags = tags.subList(0, TAGS_PER_PAGE);
            next = tags.get(TAGS_PER_PAGE - 1).tag();
        }
        render(call, 200, "repository.jte", new Page.Repository(chrome(visit, repo.value(), "repositories"),
                repo.value(), call.authority() + "/" + repo.value(), tags,
                visit.viewer().mayDelete(repo.value()), next));
    }

    private void manifest(UiCall call, Visit visit, RepositoryName repo, Reference reference) {
        ImageInspector.Details d = ctx.inspector().details(repo, reference);
        String pull = "docker pull " + call.authority() + "/" + repo.value()
                + (reference instanceof Reference.Tag ? ":" : "@") + reference;
        render(call, 200, "manifest.jte", new Page.Manifest(chrome(visit, repo.value() + " " + reference,
                "repositories"), d, reference.toString(), pull, visit.viewer().mayDelete(repo.value())));
    }

    private void activity(UiCall call, Visit visit) {
        if (!visit.viewer().mayReadActivity()) {
            error(call, visit, 403, "You may not read the activity log.");
            return;
        }
        List<AuditLog.Event> events = ctx.audit() == null ? List.of() : ctx.audit().recent(null, 200);
        render(call, 200, "activity.jte", new Page.Activity(chrome(visit, "Activity", "activity"),
                ctx.audit() != null, events));
    }

    void login(UiCall call, Visit visit, int status, String error, String next, String username) {
        render(call, status, "login.jte", new Page.Login(chrome(visit, "Sign in", "login"), error, next, username));
    }

    void error(UiCall call, Visit visit, int status, String message) {
        render(call, status, "error.jte", new Page.Error(chrome(visit, "Error", ""), status, message));
    }

    void render(UiCall call, int status, String template, Object model) {
        StringOutput out = new StringOutput(8192);
        templates.render(template, model, out);
        call.html(status, out.toString());
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Names of the registries the viewer may collect garbage in, for the GC form. */
    List<String> registryNames(Viewer viewer) {
        return ctx.registries().list().stream().map(RegistrySummaries.RegistrySummary::name)
                .filter(viewer::mayRunGc).toList();
    }
}
